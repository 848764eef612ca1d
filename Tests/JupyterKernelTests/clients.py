"""jumpy's Jupyter kernel driven by real clients (Debian's python3-jupyter-client,
python3-nbclient, python3-nbformat, python3-pil), one scenario per run:

    /usr/bin/python3 clients.py SCENARIO JUMPY SCRATCH

Scenarios: notebook, client, forged, validate. Each prints what it checked and exits 0, or
fails an assertion (exit 1) with the reason. Timeouts are generous (the machine is shared);
nothing here measures time.
"""
import base64, io, json, os, subprocess, sys, time

import nbformat
from jupyter_client import BlockingKernelClient, KernelManager
from jupyter_client.connect import write_connection_file
from jupyter_client.session import Session
from PIL import Image

TIMEOUT = 120


def install(jumpy, scratch):
    """The kernelspec under SCRATCH/prefix, found through JUPYTER_PATH alone."""
    prefix = os.path.join(scratch, 'prefix')
    subprocess.run([jumpy, 'kernel', 'install', '--prefix', prefix], check=True, stdout=subprocess.DEVNULL)
    os.environ['JUPYTER_PATH'] = os.path.join(prefix, 'share', 'jupyter')
    os.environ['JUPYTER_DATA_DIR'] = os.path.join(scratch, 'data')
    os.environ['JUPYTER_RUNTIME_DIR'] = os.path.join(scratch, 'runtime')
    os.environ['JUPYTER_CONFIG_DIR'] = os.path.join(scratch, 'config')
    from jupyter_client.kernelspec import KernelSpecManager
    spec = KernelSpecManager().get_kernel_spec('jumpy')
    assert os.path.realpath(spec.argv[0]) == os.path.realpath(jumpy) and spec.argv[1] == 'kernel', spec.argv
    assert spec.language == 'jumpy'
    assert spec.interrupt_mode == 'signal'
    return prefix


def stdout_of(cell):
    return ''.join(o['text'] for o in cell.outputs if o.output_type == 'stream' and o.name == 'stdout')


def repl(jumpy, scratch, statements):
    """What the REPL's input path prints for the same statements (piped stdin)."""
    run = subprocess.run([jumpy, '--threads', '1'], input='\n'.join(statements) + '\n', cwd=scratch,
                         capture_output=True, text=True, timeout=TIMEOUT)
    assert run.returncode == 0, run.stderr
    return run.stdout


def decode(output, mime):
    image = Image.open(io.BytesIO(base64.b64decode(output.data[mime])))
    image.load()
    return image


def notebook(jumpy, scratch):
    from nbclient import NotebookClient
    install(jumpy, scratch)
    cells = [
        'd = dataset lines n=64 seed=0',
        'm = model jumpy d hidden=8 seed=1\ntrain m d steps=5 batch=16 seed=2',
        'eval m d',
        'r = rollout m d.test[0:2]\nplot r "t.png"',
        'animate r "r.gif" fps=2',
        'plot r',
        'show dta',
        'm',
        'save session nb',
    ]
    nb = nbformat.v4.new_notebook()
    nb.metadata['kernelspec'] = {'name': 'jumpy', 'display_name': 'jumpy', 'language': 'jumpy'}
    nb.cells = [nbformat.v4.new_code_cell(c) for c in cells]
    work = os.path.join(scratch, 'work')
    os.makedirs(work)
    # --threads 1 for the REPL below; the kernel's results are the same at any count.
    NotebookClient(nb, timeout=TIMEOUT, startup_timeout=TIMEOUT, kernel_name='jumpy', allow_errors=True,
                   resources={'metadata': {'path': work}}).execute()
    nbformat.validate(nb)
    out = [stdout_of(c) for c in nb.cells]

    # Text: the same as the REPL prints for the same statements (the picture-only and the
    # failing cells aside: the REPL draws `plot r` as text, and reports errors on stderr).
    same = [0, 1, 2, 3, 4, 7]
    want = repl(jumpy, os.path.join(scratch, 'work'), [cells[i] for i in same])
    got = ''.join(out[i] for i in same)
    assert got == want, 'notebook:\n%s\nREPL:\n%s' % (got, want)
    assert 'auto mse' in out[2] and 'wrote t.png' in out[3] and 'wrote r.gif' in out[4], out
    assert [c.execution_count for c in nb.cells] == list(range(1, len(cells) + 1))

    # Pictures: display_data that PIL decodes, with text beside.
    png = [o for o in nb.cells[3].outputs if o.output_type == 'display_data']
    assert len(png) == 1 and 'text/plain' in png[0].data, nb.cells[3].outputs
    assert decode(png[0], 'image/png').format == 'PNG'
    gif = [o for o in nb.cells[4].outputs if o.output_type == 'display_data']
    image = decode(gif[0], 'image/gif')
    assert image.format == 'GIF' and image.n_frames > 1, image
    shown = [o for o in nb.cells[5].outputs if o.output_type == 'display_data']
    assert len(shown) == 1 and decode(shown[0], 'image/png').size[0] > 100 and out[5] == '', nb.cells[5].outputs
    with open(os.path.join(work, 't.png'), 'rb') as f:
        assert base64.b64decode(png[0].data['image/png']) == f.read()

    # The bad statement: its cell carries the caret text; the next cell still ran.
    errors = [o for o in nb.cells[6].outputs if o.output_type == 'error']
    assert len(errors) == 1, nb.cells[6].outputs
    traceback = '\n'.join(errors[0].traceback)
    assert "undefined variable 'dta'" in traceback and '  show dta' in traceback and '^~~' in traceback, traceback
    assert out[7].startswith('m: jumpy gru model'), out[7]

    # save session in a notebook writes the session as the REPL would.
    with open(os.path.join(work, 'sessions', 'nb.jumpy')) as f:
        session = f.read()
    for statement in ['d = dataset lines n=64 seed=0', 'train m d steps=5 batch=16 seed=2', 'animate r "r.gif" fps=2']:
        assert statement in session, session
    assert 'show dta' not in session

    # remove takes the kernelspec away; a second remove finds none. --user goes to the
    # user's data directory (JUPYTER_DATA_DIR here), where Jupyter looks too.
    prefix = os.path.join(scratch, 'prefix')
    subprocess.run([jumpy, 'kernel', 'remove', '--prefix', prefix], check=True, stdout=subprocess.DEVNULL)
    assert not os.path.exists(os.path.join(prefix, 'share', 'jupyter', 'kernels', 'jumpy'))
    again = subprocess.run([jumpy, 'kernel', 'remove', '--prefix', prefix], capture_output=True, text=True)
    assert again.returncode == 1 and 'no jumpy kernel is installed' in again.stderr, again.stderr
    subprocess.run([jumpy, 'kernel', 'install', '--user'], check=True, stdout=subprocess.DEVNULL)
    from jupyter_client.kernelspec import KernelSpecManager
    found = KernelSpecManager().find_kernel_specs()['jumpy']
    assert found == os.path.join(os.environ['JUPYTER_DATA_DIR'], 'kernels', 'jumpy'), found
    for side in (32, 64):
        assert Image.open(os.path.join(found, 'logo-%dx%d.png' % (side, side))).size == (side, side)
    subprocess.run([jumpy, 'kernel', 'remove', '--user'], check=True, stdout=subprocess.DEVNULL)
    assert 'jumpy' not in KernelSpecManager().find_kernel_specs()
    print('notebook: %d cells, outputs equal the REPL\'s, PNG and GIF decode, the error has its caret; install, remove' % len(cells))


def wait_reply(kc, msg_id, timeout=TIMEOUT):
    while True:
        reply = kc.get_shell_msg(timeout=timeout)
        if reply['parent_header'].get('msg_id') == msg_id:
            return reply


def stdout_since(kc, msg_id):
    """The stdout of one request, read from iopub up to its idle status."""
    text = ''
    while True:
        msg = kc.get_iopub_msg(timeout=TIMEOUT)
        if msg['parent_header'].get('msg_id') != msg_id:
            continue
        if msg['msg_type'] == 'stream' and msg['content']['name'] == 'stdout':
            text += msg['content']['text']
        if msg['msg_type'] == 'status' and msg['content']['execution_state'] == 'idle':
            return text


def run(kc, code):
    msg_id = kc.execute(code)
    reply = wait_reply(kc, msg_id)
    return reply['content'], stdout_since(kc, msg_id)


def train_and_interrupt(kc, interrupt):
    """A long train stopped by `interrupt`; the model keeps the steps it took."""
    msg_id = kc.execute('train m d steps=1000000 batch=16')
    # Wait until it runs: busy for this request, then a little training.
    while True:
        msg = kc.get_iopub_msg(timeout=TIMEOUT)
        if msg['parent_header'].get('msg_id') == msg_id and msg['msg_type'] == 'execute_input':
            break
    time.sleep(1.0)
    # Under load the first interrupt may land before the statement starts (and be cleared
    # with it): interrupt again until the reply comes.
    import queue
    for attempt in range(TIMEOUT // 5):
        interrupt()
        try:
            reply = wait_reply(kc, msg_id, timeout=5)['content']
            break
        except queue.Empty:
            continue
    printed = stdout_since(kc, msg_id)
    assert reply['status'] == 'error' and reply['ename'] == 'interrupted', reply
    assert 'interrupted at step' in printed, printed
    content, steps = run(kc, 'm.steps')
    taken = float(steps.split(':')[1])
    assert content['status'] == 'ok' and 0 < taken < 1000000, (content, steps)
    return taken


def client(jumpy, scratch):
    install(jumpy, scratch)
    km = KernelManager(kernel_name='jumpy')
    km.start_kernel(cwd=scratch)
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=TIMEOUT)
    try:
        info = kc.kernel_info(reply=True, timeout=TIMEOUT)['content']
        lang = info['language_info']
        assert lang['name'] == 'jumpy' and lang['file_extension'] == '.jumpy' and lang['mimetype'] == 'text/x-jumpy', info
        assert info['protocol_version'] == '5.3'

        content, _ = run(kc, 'd = dataset lines n=64 seed=0; m = model jumpy d hidden=8 seed=1')
        assert content['status'] == 'ok', content

        # Completion through the REPL's completer, positions in code points.
        reply = kc.complete('x = dat', reply=True, timeout=TIMEOUT)['content']
        assert reply['matches'] == ['dataset'] and reply['cursor_start'] == 4 and reply['cursor_end'] == 7, reply
        reply = kc.complete('train m d st', reply=True, timeout=TIMEOUT)['content']
        assert 'steps=' in reply['matches'] and reply['cursor_start'] == 10, reply
        reply = kc.complete('show d', reply=True, timeout=TIMEOUT)['content']
        assert 'd' in reply['matches'], reply

        # Inspection answers with help (and a variable's details).
        reply = kc.inspect('train m d', 2, reply=True, timeout=TIMEOUT)['content']
        assert reply['found'] and reply['data']['text/plain'].startswith('usage: train'), reply
        reply = kc.inspect('show d', 6, reply=True, timeout=TIMEOUT)['content']
        assert reply['found'] and reply['data']['text/plain'].startswith('d: dataset lines'), reply
        reply = kc.inspect('zzz', 1, reply=True, timeout=TIMEOUT)['content']
        assert not reply['found'], reply

        msg_id = kc.is_complete('train m d steps=5')
        assert wait_reply(kc, msg_id)['content']['status'] == 'complete'
        msg_id = kc.is_complete('plot "unterminated')
        assert wait_reply(kc, msg_id)['content']['status'] == 'invalid'

        # "Run all": cells waiting behind one that fails are aborted, not run; later ones run.
        first_id = kc.execute('train m d steps=2000 batch=16 seed=5; show dta')
        queued_id = kc.execute('x = dataset lines n=8 seed=0')
        assert wait_reply(kc, first_id)['content']['status'] == 'error'
        assert wait_reply(kc, queued_id)['content']['status'] == 'aborted'
        content, _ = run(kc, 'x')
        assert content['status'] == 'error' and "unknown command 'x'" in content['evalue'], content

        # Interrupts: the kernelspec's signal (SIGINT, as Ctrl-C), then interrupt_request.
        first = train_and_interrupt(kc, km.interrupt_kernel)
        def by_message():
            msg = kc.session.msg('interrupt_request', {})
            kc.control_channel.send(msg)
        second = train_and_interrupt(kc, by_message)
        assert second > first, (first, second)

        msg_id = kc.history(hist_access_type='tail', n=2)
        history = wait_reply(kc, msg_id)['content']['history']
        assert [h[2] for h in history] == ['train m d steps=1000000 batch=16', 'm.steps'], history

        # A restart: a new process, nothing bound.
        km.restart_kernel(now=False)
        kc.wait_for_ready(timeout=TIMEOUT)
        content, _ = run(kc, 'm')
        assert content['status'] == 'error' and "unknown command 'm'" in content['evalue'], content
        content, printed = run(kc, 'd = dataset lines n=8 seed=0')
        assert content['status'] == 'ok' and content['execution_count'] == 2, content
        print('client: completion, inspection, is_complete, history; interrupts kept %d and %d steps; restart' % (first, second))
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=False)


def forged(jumpy, scratch):
    """Messages signed with another key, or not at all, are refused and logged, never run."""
    import zmq
    connection = os.path.join(scratch, 'kernel.json')
    write_connection_file(connection, ip='127.0.0.1', key=b'the-real-key')
    log = open(os.path.join(scratch, 'kernel.log'), 'w')
    process = subprocess.Popen([jumpy, 'kernel', '--connection-file', connection], stderr=log, cwd=scratch)
    try:
        kc = BlockingKernelClient(connection_file=connection)
        kc.load_connection_file()
        kc.start_channels()
        kc.wait_for_ready(timeout=TIMEOUT)
        info = json.load(open(connection))
        context = zmq.Context()
        shell = context.socket(zmq.DEALER)
        shell.connect('tcp://127.0.0.1:%d' % info['shell_port'])
        for key in [b'a-forged-key', b'']:
            session = Session(key=key)
            session.send(shell, session.msg('execute_request', {'code': 'x = dataset lines n=8 seed=0', 'silent': False}))
        # No reply comes to either.
        assert shell.poll(3000) == 0, 'a forged message was answered'
        # The heartbeat echoes.
        heartbeat = context.socket(zmq.REQ)
        heartbeat.connect('tcp://127.0.0.1:%d' % info['hb_port'])
        heartbeat.send(b'ping')
        assert heartbeat.poll(TIMEOUT * 1000) and heartbeat.recv() == b'ping'
        content, _ = run(kc, 'x')
        assert content['status'] == 'error' and "unknown command 'x'" in content['evalue'], content
        log.flush()
        with open(os.path.join(scratch, 'kernel.log')) as f:
            refusals = [line for line in f if 'refused a message on the shell channel: signature missing or wrong' in line]
        assert len(refusals) == 2, refusals
        kc.shutdown()
        assert process.wait(timeout=TIMEOUT) == 0
        print('forged: 2 messages refused and logged, none run; heartbeat echoes; shutdown exits 0')
    finally:
        if process.poll() is None:
            process.kill()


def validate(jumpy, scratch, *notebooks):
    """Each notebook validates against nbformat 4's schema; its pictures decode."""
    for path in notebooks:
        nb = nbformat.read(path, as_version=4)
        nbformat.validate(nb)
        pictures = 0
        for cell in nb.cells:
            for output in cell.get('outputs', []):
                for mime in ('image/png', 'image/gif'):
                    if output.output_type == 'display_data' and mime in output.data:
                        decode(output, mime)
                        pictures += 1
        print('%s: valid, %d cells, %d pictures' % (path, len(nb.cells), pictures))


if __name__ == '__main__':
    scenario, jumpy, scratch = sys.argv[1:4]
    globals()[scenario](jumpy, scratch, *sys.argv[4:])
