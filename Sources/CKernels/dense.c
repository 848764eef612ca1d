// A dense layer for a few rows at a time: the products of a rollout tick.
//
// A batch-1 rollout tick is eleven matrix-vector products of at most 384×128. sgemm spends
// more time choosing and packing than computing at that size, so this kernel reads weights
// packed once (transposed, columns padded to 16, in panels of 64 columns) and keeps a tile
// of outputs in registers while it walks the inputs.
//
// Every output is summed in the same order, y = fma(x[k−1], w[k−1], … fma(x[0], w[0], 0)),
// whatever the instruction set, the tile or the row's place in the batch: the AVX-512,
// AVX2 and portable versions give the same bits, and a trajectory rolls out the same alone
// or in any batch.

#include "CKernels.h"
#include "portable_fma.h"
#include <math.h>
#include <string.h>

#pragma clang fp contract(off)

// Swift's max(v, 0): 0 when v ≤ 0 (so −0 becomes 0), NaN stays NaN.
static inline float relu_like_swift(float v) { return 0 >= v ? 0 : v; }

static inline float finish(float acc, float scale, float bias, int mode, const float *res, size_t j) {
    float v = acc * scale + bias;
    if (mode == JUMPY_DENSE_RELU) return relu_like_swift(v);
    if (mode == JUMPY_DENSE_RESIDUAL_RELU) return res[j] + relu_like_swift(v);
    return v;
}

// The weights come in panels of 64 columns, each contiguous ([k, 64]; the last one narrower
// when ldw is not a multiple of 64). A tile walks one panel over all k; rows of a plain
// [k, ldw] block lie 512 or more bytes apart and map to half of L1's sets, so a panel of
// 32 KB fell out of L1 (1.15–1.2× slower at 6–200 rows).
static inline size_t panel_width(size_t ldw, size_t j) {
    size_t start = j / 64 * 64;
    return ldw - start < 64 ? ldw - start : 64;
}
static inline const float *panel_at(const float *wt, size_t k, size_t ldw, size_t j) {
    size_t start = j / 64 * 64;
    return wt + start * k + (j - start);
}

static void dense_portable(const float *x, size_t ldx, size_t rows, size_t k, const float *wt, size_t n,
                           size_t ldw, const float *bias, float scale, int mode, const float *res, size_t ldres,
                           float *y, size_t ldy) {
    float acc[64];  // one panel of a row's sums, walked over k with the panel's columns side by side
    for (size_t b = 0; b < rows; b++) {
        for (size_t j0 = 0; j0 < n; j0 += 64) {
            const float *panel = panel_at(wt, k, ldw, j0);
            size_t step = panel_width(ldw, j0), width = n - j0 < 64 ? n - j0 : 64;
            for (size_t j = 0; j < width; j++) acc[j] = 0;
            for (size_t p = 0; p < k; p++)
                for (size_t j = 0; j < width; j++) acc[j] = portable_fmaf(x[b * ldx + p], panel[p * step + j], acc[j]);
            for (size_t j = 0; j < width; j++)
                y[b * ldy + j0 + j] = finish(acc[j], scale, bias[j0 + j], mode, res + b * ldres, j0 + j);
        }
    }
}

#if defined(__x86_64__)
#include <immintrin.h>

static inline __attribute__((target("avx512f"))) __m512 relu512(__m512 v) {
    return _mm512_mask_blend_ps(_mm512_cmp_ps_mask(v, _mm512_setzero_ps(), _CMP_LE_OQ), v, _mm512_setzero_ps());
}
static inline __attribute__((target("avx2,fma"))) __m256 relu256(__m256 v) {
    __m256 zero = _mm256_setzero_ps();
    return _mm256_blendv_ps(v, zero, _mm256_cmp_ps(v, zero, _CMP_LE_OQ));
}

// One tile: R ≤ 6 rows × C ≤ 8 vectors of outputs from column j0, summed over all k, then finished
// (scale, bias, relu, residual) as `finish` does, whole vectors at once. Always inlined with
// constant R and C, so the accumulators live in registers.
#define DEFINE_TILE(NAME, TARGET, VEC, WIDTH, ZERO, LOAD, SET1, FMA, MUL, ADD, RELU, STORE)            \
    __attribute__((always_inline, target(TARGET))) static inline void NAME(                          \
        int R, int C, const float *x, size_t ldx, size_t k, const float *wt, size_t ldw, size_t j0,    \
        size_t n, const float *bias, float scale, int mode, const float *res, size_t ldres, float *y,  \
        size_t ldy) {                                                                                  \
        VEC acc[6][8];                                                                                 \
        for (int r = 0; r < R; r++)                                                                    \
            for (int c = 0; c < C; c++) acc[r][c] = ZERO();                                            \
        /* A tile lies in one panel, or (eight vectors of 16) starts one and fills the next. */        \
        const int per = 64 / WIDTH;                                                                    \
        const float *w0 = panel_at(wt, k, ldw, j0), *w1 = C > per ? panel_at(wt, k, ldw, j0 + 64) : w0; \
        const size_t s0 = panel_width(ldw, j0), s1 = C > per ? panel_width(ldw, j0 + 64) : 0;         \
        for (size_t p = 0; p < k; p++, w0 += s0, w1 += s1) {                                           \
            /* The weights first, then one broadcast at a time: 24 sums, 4 weights and 1 broadcast */  \
            /* fit the 32 registers (all six broadcasts at once spilled sums; 9% slower). */           \
            VEC wv[8];                                                                                 \
            for (int c = 0; c < C; c++) wv[c] = c < per ? LOAD(w0 + c * WIDTH) : LOAD(w1 + (c - per) * WIDTH); \
            for (int r = 0; r < R; r++) {                                                              \
                VEC xv = SET1(x[r * ldx + p]);                                                         \
                for (int c = 0; c < C; c++) acc[r][c] = FMA(xv, wv[c], acc[r][c]);                     \
            }                                                                                          \
        }                                                                                              \
        VEC s = SET1(scale);                                                                           \
        for (int r = 0; r < R; r++) {                                                                  \
            for (int c = 0; c < C; c++) {                                                              \
                size_t j = j0 + (size_t)c * WIDTH;                                                     \
                if (j + WIDTH <= n) {                                                                  \
                    VEC v = ADD(MUL(acc[r][c], s), LOAD(bias + j));                                    \
                    if (mode == JUMPY_DENSE_RELU) v = RELU(v);                                         \
                    else if (mode == JUMPY_DENSE_RESIDUAL_RELU) v = ADD(LOAD(res + r * ldres + j), RELU(v)); \
                    STORE(y + r * ldy + j, v);                                                         \
                } else if (j < n) {                                                                    \
                    float lane[WIDTH];                                                                 \
                    STORE(lane, acc[r][c]);                                                            \
                    for (size_t i = 0; i < n - j; i++)                                                 \
                        y[r * ldy + j + i] = finish(lane[i], scale, bias[j + i], mode, res + r * ldres, j + i); \
                }                                                                                      \
            }                                                                                          \
        }                                                                                              \
    }

DEFINE_TILE(tile512, "avx512f", __m512, 16, _mm512_setzero_ps, _mm512_loadu_ps, _mm512_set1_ps,
            _mm512_fmadd_ps, _mm512_mul_ps, _mm512_add_ps, relu512, _mm512_storeu_ps)
DEFINE_TILE(tile256, "avx2,fma", __m256, 8, _mm256_setzero_ps, _mm256_loadu_ps, _mm256_set1_ps,
            _mm256_fmadd_ps, _mm256_mul_ps, _mm256_add_ps, relu256, _mm256_storeu_ps)

#define DENSE_CASE(TILE, R, C)                                                                         \
    case R * 8 + C: TILE(R, C, xb, ldx, k, wt, ldw, j, n, bias, scale, mode, rb, ldres, yb, ldy); break;
#define DENSE_CASES(TILE)                                                                              \
    DENSE_CASE(TILE, 1, 1) DENSE_CASE(TILE, 1, 2) DENSE_CASE(TILE, 1, 3) DENSE_CASE(TILE, 1, 4)        \
    DENSE_CASE(TILE, 2, 1) DENSE_CASE(TILE, 2, 2) DENSE_CASE(TILE, 2, 3) DENSE_CASE(TILE, 2, 4)        \
    DENSE_CASE(TILE, 3, 1) DENSE_CASE(TILE, 3, 2) DENSE_CASE(TILE, 3, 3) DENSE_CASE(TILE, 3, 4)        \
    DENSE_CASE(TILE, 4, 1) DENSE_CASE(TILE, 4, 2) DENSE_CASE(TILE, 4, 3) DENSE_CASE(TILE, 4, 4)        \
    DENSE_CASE(TILE, 5, 1) DENSE_CASE(TILE, 5, 2) DENSE_CASE(TILE, 5, 3) DENSE_CASE(TILE, 5, 4)        \
    DENSE_CASE(TILE, 6, 1) DENSE_CASE(TILE, 6, 2) DENSE_CASE(TILE, 6, 3) DENSE_CASE(TILE, 6, 4)

// The outputs go through in panels of columns (outer, so a panel of weights stays in L1
// while every block of rows reads it) and blocks of up to six rows (inner: 24 sums, four
// loads and six broadcasts per 24 multiply-adds). One or two rows take eight vectors of
// columns at a time: enough independent sums to hide the FMA latency.
#define DEFINE_DENSE(NAME, TARGET, TILE, WIDTH)                                                       \
    __attribute__((target(TARGET))) static void NAME(                                                 \
        const float *x, size_t ldx, size_t rows, size_t k, const float *wt, size_t n, size_t ldw,      \
        const float *bias, float scale, int mode, const float *res, size_t ldres, float *y,            \
        size_t ldy) {                                                                                  \
        (void)ldw;                                                                                     \
        const size_t panel = (rows <= 2 ? 8 : 4) * WIDTH;                                              \
        for (size_t j0 = 0; j0 < n; j0 += panel) {                                                     \
            size_t end = j0 + panel < n ? j0 + panel : n;                                              \
            for (size_t b = 0; b < rows;) {                                                            \
                int R = rows - b >= 6 ? 6 : (int)(rows - b);                                           \
                const float *xb = x + b * ldx, *rb = res ? res + b * ldres : res;                      \
                float *yb = y + b * ldy;                                                               \
                for (size_t j = j0; j < end;) {                                                        \
                    size_t needed = (end - j + WIDTH - 1) / WIDTH;                                     \
                    if (R <= 2 && needed >= 8) {                                                       \
                        if (R == 1) TILE(1, 8, xb, ldx, k, wt, ldw, j, n, bias, scale, mode, rb, ldres, yb, ldy); \
                        else TILE(2, 8, xb, ldx, k, wt, ldw, j, n, bias, scale, mode, rb, ldres, yb, ldy);      \
                        j += 8 * WIDTH;                                                                \
                    } else {                                                                           \
                        int c = needed < 4 ? (int)needed : 4;                                          \
                        switch (R * 8 + c) { DENSE_CASES(TILE) }                                       \
                        j += (size_t)c * WIDTH;                                                        \
                    }                                                                                  \
                }                                                                                      \
                b += (size_t)R;                                                                        \
            }                                                                                          \
        }                                                                                              \
    }

DEFINE_DENSE(dense_avx512, "avx512f", tile512, 16)
DEFINE_DENSE(dense_avx2, "avx2,fma", tile256, 8)

#endif

void jumpy_dense(int level, const float *x, size_t ldx, size_t rows, size_t k, const float *wt, size_t n,
                 size_t ldw, const float *bias, float scale, int mode, const float *res, size_t ldres,
                 float *y, size_t ldy) {
    if (rows == 0 || n == 0) return;
    level = jumpy_kernel_level(level);
#if defined(__x86_64__)
    if (level == 2) { dense_avx512(x, ldx, rows, k, wt, n, ldw, bias, scale, mode, res, ldres, y, ldy); return; }
    if (level == 1) { dense_avx2(x, ldx, rows, k, wt, n, ldw, bias, scale, mode, res, ldres, y, ldy); return; }
#endif
    dense_portable(x, ldx, rows, k, wt, n, ldw, bias, scale, mode, res, ldres, y, ldy);
}
