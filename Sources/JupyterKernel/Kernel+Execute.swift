import Foundation
import Workbench

extension Kernel {
    /// A cell: its lines go through `Interpreter.run(reading:)` as a script's do, stopping
    /// at the first error. Output is streamed as it is printed, each picture is a
    /// `display_data`, an error is an `error` message with the caret text.
    func execute(_ request: Message) {
        let code = request.content["code"]?.string ?? ""
        let silent = request.content["silent"]?.bool ?? false
        let storeHistory = !silent && (request.content["store_history"]?.bool ?? true)
        if storeHistory {
            executionCount += 1
            inputs.append(code)
        }
        let count = executionCount
        if !silent {
            publisher.publish("execute_input", ["code": .string(code), "execution_count": JSON(count)], parent: request)
            console.send = { [publisher] stream, text in
                publisher.publish("stream", ["name": .string(stream), "text": .string(text)], parent: request)
            }
            interpreter.pictureDisplay = { [publisher] picture in
                publisher.publish("display_data", Self.displayContent(picture), parent: request)
            }
        } else {
            console.send = nil
            // Pictures drawn for nobody are not drawn.
            interpreter.pictureDisplay = { _ in }
        }
        defer {
            console.send = nil
            interpreter.pictureDisplay = nil
        }
        var lines = code.split(separator: "\n", omittingEmptySubsequences: false).makeIterator()
        let result = interpreter.run(reading: { lines.next().map(String.init) }, source: "cell[\(count)]")
        let failure: (name: String, value: String, traceback: [String])?
        switch result {
        case .completed, .quit, .left:
            failure = nil
        case .failed(let diagnostic):
            failure = ("error", diagnostic.error.description, diagnostic.description.split(separator: "\n").map(String.init))
        case .interrupted:
            failure = ("interrupted", "interrupted (Ctrl-C): the statement stopped; what it finished is kept",
                       ["cell[\(count)]: interrupted (Ctrl-C): the statement stopped; what it finished is kept"])
        case .mismatch(let message):
            failure = ("mismatch", message, [message])
        }
        // `quit` leaves, as in the REPL: the kernel shuts down after its reply (a front end
        // offers to restart it).
        if result == .quit { stopping.set() }
        guard let failure else {
            reply(to: request, "execute_reply", ["status": "ok", "execution_count": JSON(count),
                                                 "user_expressions": [:], "payload": []])
            return
        }
        let error: JSON = ["ename": .string(failure.name), "evalue": .string(failure.value), "traceback": JSON(failure.traceback)]
        if !silent { publisher.publish("error", error, parent: request) }
        var content = error.object!
        content["status"] = "error"
        content["execution_count"] = JSON(count)
        reply(to: request, "execute_reply", .object(content))
        if request.content["stop_on_error"]?.bool ?? true { abortQueuedCells() }
    }

    /// After an error, the cells already waiting ("Run all") are answered `aborted` and not
    /// run, as IPython does: they were written to follow a statement that did not happen.
    /// Other requests waiting are served as usual. The queue is read whole before any answer
    /// goes out: a cell sent after the client saw an answer is not one that was waiting.
    func abortQueuedCells() {
        var waiting: [Message] = []
        while ZeroMQSocket.poll([shell], milliseconds: 0)[0], let frames = try? shell.receive() {
            guard let message = try? wire.decode(frames) else {
                Self.log("refused a message on the shell channel: signature missing or wrong, or not a message")
                continue
            }
            waiting.append(message)
        }
        for message in waiting {
            publisher.status("busy", parent: message)
            if message.type == "execute_request" {
                reply(to: message, "execute_reply", ["status": "aborted", "execution_count": JSON(executionCount)])
            } else {
                handle(message)
            }
            publisher.status("idle", parent: message)
        }
    }

    /// The picture as a notebook stores it: base64 for PNG and GIF, text for SVG, and a
    /// caption as `text/plain` for front ends without images.
    static func displayContent(_ picture: DisplayedPicture) -> JSON {
        let payload: JSON = picture.mimeType == "image/svg+xml"
            ? .string(String(decoding: picture.bytes, as: UTF8.self))
            : .string(Data(picture.bytes).base64EncodedString())
        return ["data": [picture.mimeType: payload, "text/plain": .string(picture.caption)], "metadata": [:], "transient": [:]]
    }
}
