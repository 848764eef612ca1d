// Which instruction set the kernels use: the best this CPU has, unless a caller asks for a
// lower one (tests and JUMPY_KERNEL force each path; every path gives the same bits).

#include "CKernels.h"
#include "portable_fma.h"

int jumpy_best_kernel_level(void) {
#if defined(__x86_64__)
    static int level = -1;
    if (level < 0) {
        __builtin_cpu_init();
        level = __builtin_cpu_supports("avx512f") ? 2
              : (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) ? 1 : 0;
    }
    return level;
#else
    return 0;
#endif
}

int jumpy_kernel_level(int requested) {
    int best = jumpy_best_kernel_level();
    return requested < 0 || requested > best ? best : requested;
}

float jumpy_portable_fmaf(float a, float b, float c) { return portable_fmaf(a, b, c); }
