// General matrix product with one fixed order of sums: the products of training.
//
// Every output is one chain of fused multiply-adds over the reduction index,
//
//     c[i, j] = fma(a[i, k−1], b[k−1, j], … fma(a[i, 0], b[0, j], c₀))
//     c₀ = 0 (β = 0), c[i, j] (β = 1), or β·c[i, j],
//
// whatever the instruction set, the blocking or the place of row i in A. So the AVX-512,
// AVX2 and portable versions give the same bits, a row's result does not depend on the
// rows beside it, and a product blocked over k equals the unblocked one: each block starts
// its chains from what the block before it stored in C. BLAS libraries promise none of this
// (OpenBLAS sums a block in registers and then adds it to C, and its blocking depends on the
// kernel it picks for the CPU).
//
// The structure is the usual one (Goto and van de Geijn, 2008), less the copies that do not
// pay at training's sizes: a micro-kernel keeps an MR × NR tile of sums in registers while it
// walks a block of k; B is packed in panels of NR columns only when it comes transposed (or
// once for many products: `jumpy_gemm_pack_b`), and A is read in place.

#include "CKernels.h"
#include "portable_fma.h"
#include <math.h>
#include <stdlib.h>
#include <pthread.h>
#include <string.h>

#pragma clang fp contract(off)

enum { KC = 256, NC = 1024 };

// Tile shapes per level: AVX-512 12 × 32 (24 sums in 32 registers), AVX2 6 × 16 (12 of 16),
// portable 4 × 16.
static const size_t MR_OF[3] = {4, 6, 8};
static const size_t NR_OF[3] = {16, 16, 32};

// AVX-512 takes a product at most 16 wide one vector at a time (12 × 16): a decoder's few
// outputs would leave three quarters of a 32-wide tile padding.
static size_t panel_width(int level, size_t n) { return level == 2 && n <= 16 ? 16 : NR_OF[level]; }


// One thread's scratch, allocated at its first product and freed when the thread ends: a
// block of B packed (NC + NR columns × KC), a packed panel of A, a narrow panel of B and an
// edge tile of C.
typedef struct {
    float b[(NC + 32) * KC], a[KC * 12], b_edge[KC * 32], tile[12 * 32];
} scratch;

static pthread_key_t scratch_key;
static pthread_once_t scratch_once = PTHREAD_ONCE_INIT;

static void make_scratch_key(void) { pthread_key_create(&scratch_key, free); }

static scratch *thread_scratch(void) {
    pthread_once(&scratch_once, make_scratch_key);
    scratch *mine = pthread_getspecific(scratch_key);
    if (!mine) {
        mine = aligned_alloc(64, (sizeof(scratch) + 63) / 64 * 64);
        if (!mine || pthread_setspecific(scratch_key, mine) != 0) abort();
    }
    return mine;
}

// op(B) ([k, n]) in panels of nr columns, each [k, nr] and zero past the last column: the
// layout the micro-kernels read (panel q at packed + q·nr·k).
static void pack_panels(size_t nr, int trans_b, size_t k, size_t n, const float *b, size_t ldb, float *packed) {
    for (size_t j0 = 0; j0 < n; j0 += nr) {
        size_t width = n - j0 < nr ? n - j0 : nr;
        float *panel = packed + j0 * k;
        for (size_t p = 0; p < k; p++) {
            float *row = panel + p * nr;
            if (!trans_b) memcpy(row, b + p * ldb + j0, width * sizeof(float));
            for (size_t j = width; j < nr; j++) row[j] = 0;
        }
        // Bᵀ's rows are read along their length: one pass a column of the panel.
        if (trans_b)
            for (size_t j = 0; j < width; j++)
                for (size_t p = 0; p < k; p++) panel[p * nr + j] = b[(j0 + j) * ldb + p];
    }
}

void jumpy_gemm_pack_b(int level, int trans_b, size_t k, size_t n, const float *b, size_t ldb, float *packed) {
    pack_panels(panel_width(jumpy_kernel_level(level), n), trans_b, k, n, b, ldb, packed);
}

size_t jumpy_gemm_packed_b_count(int level, size_t k, size_t n) {
    size_t nr = panel_width(jumpy_kernel_level(level), n);
    return (n + nr - 1) / nr * nr * k;
}

// The micro-kernels: an MR × NR tile of C (leading dimension ldc), its sums continued from C
// (from_c) or started at zero, over kc steps. A's element (r, p) is a[r·rsa + p·csa] (A read
// in place, or a packed panel: rsa = 1, csa = MR); B's row p is NR floats at b + p·rsb (B read
// in place, or a packed panel: rsb = NR).
static void kernel_portable(size_t kc, const float *a, size_t rsa, size_t csa, const float *b, size_t rsb,
                            float *c, size_t ldc, int from_c) {
    enum { MR = 4, NR = 16 };
    float acc[MR][NR];
    for (size_t r = 0; r < MR; r++)
        for (size_t j = 0; j < NR; j++) acc[r][j] = from_c ? c[r * ldc + j] : 0;
    for (size_t p = 0; p < kc; p++)
        for (size_t r = 0; r < MR; r++)
            for (size_t j = 0; j < NR; j++) acc[r][j] = portable_fmaf(a[r * rsa + p * csa], b[p * rsb + j], acc[r][j]);
    for (size_t r = 0; r < MR; r++)
        for (size_t j = 0; j < NR; j++) c[r * ldc + j] = acc[r][j];
}

#if defined(__x86_64__)
#include <immintrin.h>

// Two versions each: A's rows one float apart (packed, or A transposed in memory: the row
// offsets are constants) and A's columns one float apart (A in place, rows rsa apart).
#define DEFINE_KERNEL(NAME, TARGET, VECS, VEC, WIDTH, MR, ZERO, LOAD, SET1, FMA, STORE, A_AT, A_STEP) \
    __attribute__((target(TARGET))) static void NAME(size_t kc, const float *a, size_t rsa,            \
                                                      size_t csa, const float *b, size_t rsb,          \
                                                      float *c, size_t ldc, int from_c) {              \
        (void)rsa; (void)csa;                                                                          \
        VEC acc[MR][VECS];                                                                             \
        for (int r = 0; r < MR; r++)                                                                   \
            for (int v = 0; v < VECS; v++) acc[r][v] = from_c ? LOAD(c + r * ldc + v * WIDTH) : ZERO(); \
        for (size_t p = 0; p < kc; p++, a += A_STEP, b += rsb) {                                       \
            VEC bv[VECS];                                                                              \
            for (int v = 0; v < VECS; v++) bv[v] = LOAD(b + v * WIDTH);                                \
            _Pragma("clang loop unroll(full)")                                                         \
            for (int r = 0; r < MR; r++) {                                                             \
                VEC x = SET1(A_AT);                                                                    \
                for (int v = 0; v < VECS; v++) acc[r][v] = FMA(x, bv[v], acc[r][v]);                   \
            }                                                                                          \
        }                                                                                              \
        for (int r = 0; r < MR; r++)                                                                   \
            for (int v = 0; v < VECS; v++) STORE(c + r * ldc + v * WIDTH, acc[r][v]);                  \
    }

#define AVX512_OPS __m512, 16, 8, _mm512_setzero_ps, _mm512_loadu_ps, _mm512_set1_ps, _mm512_fmadd_ps, _mm512_storeu_ps
#define AVX2_OPS __m256, 8, 6, _mm256_setzero_ps, _mm256_loadu_ps, _mm256_set1_ps, _mm256_fmadd_ps, _mm256_storeu_ps
#define KERNEL(...) DEFINE_KERNEL(__VA_ARGS__)  // expands the OPS lists into arguments first
KERNEL(kernel_avx512_rows, "avx512f", 2, AVX512_OPS, a[r], csa)
KERNEL(kernel_avx512_columns, "avx512f", 2, AVX512_OPS, a[r * rsa], 1)
KERNEL(kernel_avx512_narrow_rows, "avx512f", 1, AVX512_OPS, a[r], csa)
KERNEL(kernel_avx512_narrow_columns, "avx512f", 1, AVX512_OPS, a[r * rsa], 1)
KERNEL(kernel_avx2_rows, "avx2,fma", 2, AVX2_OPS, a[r], csa)
KERNEL(kernel_avx2_columns, "avx2,fma", 2, AVX2_OPS, a[r * rsa], 1)
#endif

typedef void (*micro_kernel)(size_t, const float *, size_t, size_t, const float *, size_t, float *, size_t, int);

// The kernel for A's layout, rows one float apart (rsa == 1) or columns (csa == 1), and B's
// panel width.
static micro_kernel kernel_for(int level, size_t rsa, size_t nr) {
#if defined(__x86_64__)
    if (level == 2 && nr == 16) return rsa == 1 ? kernel_avx512_narrow_rows : kernel_avx512_narrow_columns;
    if (level == 2) return rsa == 1 ? kernel_avx512_rows : kernel_avx512_columns;
    if (level == 1) return rsa == 1 ? kernel_avx2_rows : kernel_avx2_columns;
#endif
    (void)rsa, (void)nr;
    return kernel_portable;
}

// One MR-row panel of C against columns [0, cols) of a block of k, the tiles left to right.
// A full panel of A is read in place (α = 1); a short one, or α ≠ 1, is packed first. B's
// panels come from `b_panel`.
typedef struct {
    const float *b;       // B's block: packed panels, or B itself (row p at b + p·ldb)
    size_t stride;        // packed: floats between panels; in place: 0
    size_t ldb;           // in place: B's leading dimension
} b_block;

static void row_panel(scratch *scratch, int level, size_t mr, size_t nr, size_t kc, const float *a, size_t rsa,
                      size_t csa, float alpha, size_t height, b_block bb, float *c, size_t ldc, size_t cols, int from_c) {
    if (height < mr || alpha != 1) {
        float *packed = scratch->a;
        for (size_t p = 0; p < kc; p++) {
            for (size_t r = 0; r < height; r++) {
                float v = a[r * rsa + p * csa];
                packed[p * mr + r] = alpha == 1 ? v : alpha * v;
            }
            for (size_t r = height; r < mr; r++) packed[p * mr + r] = 0;
        }
        a = packed, rsa = 1, csa = mr;
    }
    micro_kernel kernel = kernel_for(level, rsa, nr);
    float *tile = scratch->tile;
    for (size_t j0 = 0; j0 < cols; j0 += nr) {
        size_t width = cols - j0 < nr ? cols - j0 : nr;
        const float *b;
        size_t rsb;
        if (bb.stride) {
            b = bb.b + j0 / nr * bb.stride, rsb = nr;
        } else if (width == nr) {
            b = bb.b + j0, rsb = bb.ldb;
        } else {
            // The last, narrow panel of a B read in place: padded with zeros.
            float *panel = scratch->b_edge;
            for (size_t p = 0; p < kc; p++) {
                memcpy(panel + p * nr, bb.b + p * bb.ldb + j0, width * sizeof(float));
                memset(panel + p * nr + width, 0, (nr - width) * sizeof(float));
            }
            b = panel, rsb = nr;
        }
        float *ct = c + j0;
        if (height == mr && width == nr) {
            kernel(kc, a, rsa, csa, b, rsb, ct, ldc, from_c);
        } else {
            // An edge tile goes through a full-size copy; the padding's sums are dropped.
            for (size_t r = 0; r < mr; r++)
                for (size_t j = 0; j < nr; j++)
                    tile[r * nr + j] = from_c && r < height && j < width ? ct[r * ldc + j] : 0;
            kernel(kc, a, rsa, csa, b, rsb, tile, nr, from_c);
            for (size_t r = 0; r < height; r++) memcpy(ct + r * ldc, tile + r * nr, width * sizeof(float));
        }
    }
}

static void gemm(int level, int trans_a, int trans_b, size_t m, size_t n, size_t k, float alpha,
                 const float *a, size_t lda, const float *b, size_t ldb, const float *packed_b, float beta,
                 float *c, size_t ldc) {
    if (m == 0 || n == 0) return;
    if (beta == 0) {
        if (k == 0)
            for (size_t i = 0; i < m; i++) memset(c + i * ldc, 0, n * sizeof(float));
    } else if (beta != 1) {
        for (size_t i = 0; i < m; i++)
            for (size_t j = 0; j < n; j++) c[i * ldc + j] *= beta;
    }
    if (k == 0) return;
    level = jumpy_kernel_level(level);
    size_t mr = MR_OF[level], nr = panel_width(level, n);
    scratch *scratch = thread_scratch();
    int pack_b = !packed_b && trans_b;
    float *pb = scratch->b;
    // A's element (i, p) is a[i·rsa + p·csa].
    size_t rsa = trans_a ? 1 : lda, csa = trans_a ? lda : 1;
    for (size_t j0 = 0; j0 < n; j0 += NC) {
        size_t cols = n - j0 < NC ? n - j0 : NC;
        for (size_t p0 = 0; p0 < k; p0 += KC) {
            size_t kc = k - p0 < KC ? k - p0 : KC;
            b_block bb;
            if (packed_b) {
                // The whole of B is packed: panel q of columns, rows from p0.
                bb = (b_block){packed_b + j0 * k + p0 * nr, k * nr, 0};
            } else if (pack_b) {
                pack_panels(nr, 1, kc, cols, b + j0 * ldb + p0, ldb, pb);
                bb = (b_block){pb, kc * nr, 0};
            } else {
                bb = (b_block){b + p0 * ldb + j0, 0, ldb};
            }
            int from_c = p0 > 0 || beta != 0;
            for (size_t i0 = 0; i0 < m; i0 += mr) {
                size_t height = m - i0 < mr ? m - i0 : mr;
                row_panel(scratch, level, mr, nr, kc, a + i0 * rsa + p0 * csa, rsa, csa, alpha, height, bb,
                          c + i0 * ldc + j0, ldc, cols, from_c);
            }
        }
    }
}

void jumpy_gemm(int level, int trans_a, int trans_b, size_t m, size_t n, size_t k, float alpha,
                const float *a, size_t lda, const float *b, size_t ldb, float beta, float *c, size_t ldc) {
    gemm(level, trans_a, trans_b, m, n, k, alpha, a, lda, b, ldb, NULL, beta, c, ldc);
}

void jumpy_gemm_packed(int level, int trans_a, size_t m, size_t n, size_t k, float alpha, const float *a,
                       size_t lda, const float *packed_b, float beta, float *c, size_t ldc) {
    gemm(level, trans_a, 0, m, n, k, alpha, a, lda, NULL, 0, packed_b, beta, c, ldc);
}
