// Element-wise kernels that the compiler vectorises for the widest vector unit the CPU has.
//
// Swift compiles for baseline x86-64 (SSE2, four floats a vector). These loops are compiled
// three times (AVX-512, AVX2 with FMA, baseline) and the loader picks one for this CPU
// (`target_clones`). Contraction into fused multiply-adds is off, so every version rounds
// exactly as Tensor's Swift `fastTanh` does: results do not depend on the CPU.

#include "CKernels.h"
#include <math.h>

#pragma clang fp contract(off)

#if defined(__x86_64__) && defined(__clang__) && defined(__linux__)  // ifunc: ELF only
#define DISPATCH __attribute__((target_clones("avx512f", "avx2", "default")))
#else
#define DISPATCH
#endif

// Eigen's rational tanh for float (the constants of FastMath.swift).
static inline float rational_tanh(float input) {
    const float limit = 7.90531110763549805f;
    float x = input > limit ? limit : (input < -limit ? -limit : input);
    float x2 = x * x;
    float p = -2.76076847742355e-16f;
    p = p * x2 + 2.00018790482477e-13f;
    p = p * x2 - 8.60467152213735e-11f;
    p = p * x2 + 5.12229709037114e-08f;
    p = p * x2 + 1.48572235717979e-05f;
    p = p * x2 + 6.37261928875436e-04f;
    p = p * x2 + 4.89352455891786e-03f;
    float q = 1.19825839466702e-06f;
    q = q * x2 + 1.18534705686654e-04f;
    q = q * x2 + 2.26843463243900e-03f;
    q = q * x2 + 4.89352518554385e-03f;
    float t = x * p / q;
    return fabsf(input) < 0.0004f ? input : t;
}

static inline float rational_sigmoid(float x) { return 0.5f + 0.5f * rational_tanh(0.5f * x); }

DISPATCH
void jumpy_gru_gates(const float *restrict input_gates, const float *restrict hidden_gates,
                     const float *restrict hidden, float *restrict out,
                     float *restrict r, float *restrict z, float *restrict n, size_t batch, size_t width) {
    if (width == 0) return;
    float rs[width], zs[width];  // one row of scratch when the activations are not kept
    for (size_t b = 0; b < batch; b++) {
        const float *gi = input_gates + b * 3 * width, *gh = hidden_gates + b * 3 * width;
        const float *h = hidden + b * width;
        float *o = out + b * width;
        float *rr = r ? r + b * width : rs, *zz = z ? z + b * width : zs;
        for (size_t j = 0; j < width; j++) rr[j] = rational_sigmoid(gi[j] + gh[j]);
        for (size_t j = 0; j < width; j++) zz[j] = rational_sigmoid(gi[width + j] + gh[width + j]);
        if (n) {
            float *nn = n + b * width;
            for (size_t j = 0; j < width; j++) nn[j] = rational_tanh(gi[2 * width + j] + rr[j] * gh[2 * width + j]);
            for (size_t j = 0; j < width; j++) o[j] = (1 - zz[j]) * nn[j] + zz[j] * h[j];
        } else {
            for (size_t j = 0; j < width; j++) {
                float candidate = rational_tanh(gi[2 * width + j] + rr[j] * gh[2 * width + j]);
                o[j] = (1 - zz[j]) * candidate + zz[j] * h[j];
            }
        }
    }
}
