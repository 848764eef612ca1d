// Training allocates and frees the same few sizes of 100 KB–10 MB buffers thousands of times
// a step. glibc would serve each from a fresh mmap (and trim freed memory back to the
// kernel), paying a page fault per 4 KB touched; this keeps freed buffers in the process.

#include "CKernels.h"
#include <stdlib.h>  // defines __GLIBC__ where glibc is the C library

#if defined(__GLIBC__)
#include <malloc.h>
#endif

void jumpy_keep_freed_buffers_in_process(void) {
#if defined(__GLIBC__)
    mallopt(M_MMAP_THRESHOLD, 512 << 20);
    mallopt(M_TRIM_THRESHOLD, 1 << 30);
    mallopt(M_TOP_PAD, 64 << 20);
#endif
}
