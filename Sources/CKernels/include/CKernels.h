#ifndef JUMPY_CKERNELS_H
#define JUMPY_CKERNELS_H

#include <stddef.h>

/// PyTorch GRUCell gate arithmetic for `batch` rows of width `width`, gates in (r, z, n)
/// order. `input_gates` and `hidden_gates` are [batch, 3*width]; `hidden` and `out` are
/// [batch, width]. When `r`, `z` and `n` are non-null they receive the gate activations
/// ([batch, width] each) for the backward pass.
void jumpy_gru_gates(const float *input_gates, const float *hidden_gates, const float *hidden,
                     float *out, float *r, float *z, float *n, size_t batch, size_t width);

/// What a dense layer does after its sum: nothing, relu, or relu added to a residual.
enum { JUMPY_DENSE_PLAIN = 0, JUMPY_DENSE_RELU = 1, JUMPY_DENSE_RESIDUAL_RELU = 2 };

/// A dense layer on `rows` rows of `x` ([rows, k], leading dimension `ldx`):
///
///     a = scale · Σ_p x[b, p] wt[p, j] + bias[j]
///     y[b, j] = a, relu(a), or res[b, j] + relu(a)   (mode; relu as Swift's max(a, 0))
///
/// `wt` is the weight transposed, [k, ldw] with ldw ≥ n rounded up to 16 (the padding is
/// read, never used), stored in panels of 64 columns: columns [64q, 64q + w) form the block
/// [k, w] at offset 64q·k, w = min(64, ldw − 64q). Each sum runs over p in order with fused multiply-adds, so every
/// instruction-set `level` (2 AVX-512, 1 AVX2 with FMA, 0 portable; −1 or too high: the best
/// this CPU has) gives the same bits, for any row of any batch.
void jumpy_dense(int level, const float *x, size_t ldx, size_t rows, size_t k, const float *wt, size_t n,
                 size_t ldw, const float *bias, float scale, int mode, const float *res, size_t ldres,
                 float *y, size_t ldy);

/// Instruction-set levels of the kernels: 2 AVX-512, 1 AVX2 with FMA, 0 portable. Every
/// level gives the same bits; they differ only in speed.
int jumpy_best_kernel_level(void);

/// `requested` when this CPU has it, else the best it has (−1 asks for the best).
int jumpy_kernel_level(int requested);

/// C = α op(A) op(B) + β C on row-major matrices (A [m, k] or, transposed, [k, m]; B [k, n]
/// or [n, k]), each output one chain of fused multiply-adds over p = 0 ..< k in order,
/// starting from 0 (β = 0: C is not read), C (β = 1) or β C. α scales A's elements before
/// they enter the chain. Same bits at every level and for any row of any A.
void jumpy_gemm(int level, int trans_a, int trans_b, size_t m, size_t n, size_t k, float alpha,
                const float *a, size_t lda, const float *b, size_t ldb, float beta, float *c, size_t ldc);

/// Floats needed to hold B ([k, n]) packed for `level`.
size_t jumpy_gemm_packed_b_count(int level, size_t k, size_t n);

/// Packs op(B) ([k, n]) once for many products with it (`jumpy_gemm_packed` at the same level).
void jumpy_gemm_pack_b(int level, int trans_b, size_t k, size_t n, const float *b, size_t ldb, float *packed);

/// `jumpy_gemm` with B packed by `jumpy_gemm_pack_b`: the same bits, without packing it again.
void jumpy_gemm_packed(int level, int trans_a, size_t m, size_t n, size_t k, float alpha, const float *a,
                       size_t lda, const float *packed_b, float beta, float *c, size_t ldc);

/// fma(a, b, c) correctly rounded, as the portable kernels compute it without FMA instructions.
float jumpy_portable_fmaf(float a, float b, float c);

/// Keeps freed buffers in the process (glibc's malloc; elsewhere nothing): training frees and
/// allocates the same large buffers thousands of times a step.
void jumpy_keep_freed_buffers_in_process(void);

#endif
