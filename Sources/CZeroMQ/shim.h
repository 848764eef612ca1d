// ZeroMQ (Debian libzmq3-dev) for the Jupyter kernel. zmq_msg_t is an opaque 64-byte
// struct whose lifetime is easier to keep in C: a frame is received into a malloc'd copy
// that Swift frees. `zmq_setsockopt` takes a void pointer; the int form is wrapped.
#include <zmq.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>

// Receives one frame: 0 and *data (malloc'd, free it), *size, *more; -1 and errno on failure.
static inline int jumpy_zmq_recv_frame(void *socket, void **data, size_t *size, int *more) {
    zmq_msg_t message;
    zmq_msg_init(&message);
    if (zmq_msg_recv(&message, socket, 0) < 0) {
        int saved = errno;
        zmq_msg_close(&message);
        errno = saved;
        return -1;
    }
    *size = zmq_msg_size(&message);
    *data = malloc(*size ? *size : 1);
    if (*size) memcpy(*data, zmq_msg_data(&message), *size);
    *more = zmq_msg_more(&message);
    zmq_msg_close(&message);
    return 0;
}

static inline int jumpy_zmq_set_int(void *socket, int option, int value) {
    return zmq_setsockopt(socket, option, &value, sizeof value);
}

static inline int jumpy_zmq_errno(void) { return errno; }
