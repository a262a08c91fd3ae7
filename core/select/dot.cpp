// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "select/dot.h"

#include <algorithm>
#include <vector>

#if defined(__x86_64__) && defined(__GNUC__)
#define WINNOW_SELECT_DOT_X86 1
#include <immintrin.h>
#endif

namespace winnow::select::detail {
namespace {

/// ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7)).
inline double combine(const double* s) {
    return ((s[0] + s[1]) + (s[2] + s[3])) + ((s[4] + s[5]) + (s[6] + s[7]));
}

/// Adds the terms k in [full, d) to lane k mod 8, then combines.
inline double finish(double* s, const float* a, const float* b, int full, int d) {
    for (int k = full; k < d; ++k) s[k & 7] += static_cast<double>(a[k]) * static_cast<double>(b[k]);
    return combine(s);
}

// The portable build: plain scalar lanes.
double dotDefault(const float* a, const float* b, int d) {
    const int full = d & ~7;
    double s[8] = {0, 0, 0, 0, 0, 0, 0, 0};
    for (int k = 0; k < full; k += 8)
        for (int l = 0; l < 8; ++l) s[l] += static_cast<double>(a[k + l]) * static_cast<double>(b[k + l]);
    return finish(s, a, b, full, d);
}

void blockDefault(const float* const* a, int na, const float* const* b, int nb, int d, double* out,
                  std::int64_t ldo) {
    for (int i = 0; i < na; ++i)
        for (int j = 0; j < nb; ++j) out[i * ldo + j] = dotDefault(a[i], b[j], d);
}

#ifdef WINNOW_SELECT_DOT_X86
// The AVX2 build: lanes 0-3 and 4-7 in two registers; separate multiply and add (no "fma" target), so the
// values equal the portable build's bit for bit.
__attribute__((target("avx2"))) inline void store(__m256d lo, __m256d hi, double* s) {
    _mm256_storeu_pd(s, lo);
    _mm256_storeu_pd(s + 4, hi);
}

__attribute__((target("avx2"))) inline __m256d load4(const float* p) {
    return _mm256_cvtps_pd(_mm_loadu_ps(p));
}

__attribute__((target("avx2"))) double dot1Avx2(const float* a, const float* b, int d) {
    const int full = d & ~7;
    __m256d lo = _mm256_setzero_pd(), hi = _mm256_setzero_pd();
    for (int k = 0; k < full; k += 8) {
        lo = _mm256_add_pd(lo, _mm256_mul_pd(load4(a + k), load4(b + k)));
        hi = _mm256_add_pd(hi, _mm256_mul_pd(load4(a + k + 4), load4(b + k + 4)));
    }
    double s[8];
    store(lo, hi, s);
    return finish(s, a, b, full, d);
}

/// Four dot products of the double row a with the double rows b[0..3] (stride d), all lanes in registers.
__attribute__((target("avx2"))) inline void dot4Double(const double* a, const double* b, int full, int d,
                                                       double* s) {
    const double *b0 = b, *b1 = b + d, *b2 = b + 2 * d, *b3 = b + 3 * d;
    __m256d l0 = _mm256_setzero_pd(), h0 = l0, l1 = l0, h1 = l0, l2 = l0, h2 = l0, l3 = l0, h3 = l0;
    for (int k = 0; k < full; k += 8) {
        const __m256d al = _mm256_loadu_pd(a + k), ah = _mm256_loadu_pd(a + k + 4);
        l0 = _mm256_add_pd(l0, _mm256_mul_pd(al, _mm256_loadu_pd(b0 + k)));
        h0 = _mm256_add_pd(h0, _mm256_mul_pd(ah, _mm256_loadu_pd(b0 + k + 4)));
        l1 = _mm256_add_pd(l1, _mm256_mul_pd(al, _mm256_loadu_pd(b1 + k)));
        h1 = _mm256_add_pd(h1, _mm256_mul_pd(ah, _mm256_loadu_pd(b1 + k + 4)));
        l2 = _mm256_add_pd(l2, _mm256_mul_pd(al, _mm256_loadu_pd(b2 + k)));
        h2 = _mm256_add_pd(h2, _mm256_mul_pd(ah, _mm256_loadu_pd(b2 + k + 4)));
        l3 = _mm256_add_pd(l3, _mm256_mul_pd(al, _mm256_loadu_pd(b3 + k)));
        h3 = _mm256_add_pd(h3, _mm256_mul_pd(ah, _mm256_loadu_pd(b3 + k + 4)));
    }
    store(l0, h0, s);
    store(l1, h1, s + 8);
    store(l2, h2, s + 16);
    store(l3, h3, s + 24);
}

/// Rows of b converted to float64 per pass; with d = 512 a pass is 256 KB, which stays in L2 while every row
/// of a is compared with it.
constexpr int kPass = 64;

__attribute__((target("avx2"))) void blockAvx2(const float* const* a, int na, const float* const* b, int nb,
                                               int d, double* out, std::int64_t ldo) {
    const int full = d & ~7;
    thread_local std::vector<double> bd, ad;
    bd.resize(static_cast<std::size_t>(kPass) * d);
    ad.resize(static_cast<std::size_t>(d));
    double s[32];
    for (int j0 = 0; j0 < nb; j0 += kPass) {
        const int count = std::min(kPass, nb - j0);
        for (int j = 0; j < count; ++j)
            for (int k = 0; k < full; k += 4) _mm256_storeu_pd(bd.data() + j * d + k, load4(b[j0 + j] + k));
        for (int i = 0; i < na; ++i) {
            for (int k = 0; k < full; k += 4) _mm256_storeu_pd(ad.data() + k, load4(a[i] + k));
            double* row = out + i * ldo + j0;
            int j = 0;
            for (; j + 4 <= count; j += 4) {
                dot4Double(ad.data(), bd.data() + j * d, full, d, s);
                for (int t = 0; t < 4; ++t) row[j + t] = finish(s + 8 * t, a[i], b[j0 + j + t], full, d);
            }
            for (; j < count; ++j) row[j] = dot1Avx2(a[i], b[j0 + j], d);
        }
    }
}
#endif

using Kernel = void (*)(const float* const*, int, const float* const*, int, int, double*, std::int64_t);

Kernel chooseKernel() {
#ifdef WINNOW_SELECT_DOT_X86
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx2")) return blockAvx2;
#endif
    return blockDefault;
}

}  // namespace

void dotBlock(const float* const* a, int na, const float* const* b, int nb, int d, double* out,
              std::int64_t ldo) {
    static const Kernel kernel = chooseKernel();
    kernel(a, na, b, nb, d, out, ldo);
}

double dot(const float* a, const float* b, int d) {
    return dotDefault(a, b, d);
}

}  // namespace winnow::select::detail
