// A correctly rounded float fused multiply-add in plain double arithmetic, for CPUs without
// FMA instructions (libm's fmaf is correct there too; this one inlines). Emulating each fma
// keeps the portable kernels about 75× slower than AVX2 (1.3 against 100 GFLOP/s here): the
// price of the same bits on a CPU that cannot compute the chain natively.
//
// The product of two floats is exact in double. Their sum with c is rounded to double "to
// odd" (Boldo and Melquiond, 2008): TwoSum gives the rounding error, and an inexact sum whose
// last bit is even is moved one ulp toward the true value. Rounding that to float then
// gives the correctly rounded fma, since double carries more than 24 + 2 bits.

#ifndef JUMPY_PORTABLE_FMA_H
#define JUMPY_PORTABLE_FMA_H

#include <stdint.h>
#include <string.h>

#pragma clang fp contract(off)

static inline float portable_fmaf(float a, float b, float c) {
    double p = (double)a * (double)b, cd = (double)c;
    double s = p + cd;
    double bv = s - p;
    double e = (p - (s - bv)) + (cd - bv);
    uint64_t bits;
    memcpy(&bits, &s, sizeof bits);
    // Only a finite, inexact sum with an even last bit moves (NaN and infinities stay).
    int inexact_even = e != 0 && (bits & 1) == 0 && (bits & 0x7ff0000000000000ull) != 0x7ff0000000000000ull;
    int away = (e > 0) == (s > 0);
    bits += inexact_even ? (away ? 1 : (uint64_t)-1) : 0;
    memcpy(&s, &bits, sizeof bits);
    return (float)s;
}

#endif
