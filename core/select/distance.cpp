// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "select/distance.h"

namespace winnow::select::detail {
namespace {

// The loop body shared by both builds: lane l sums the terms j = l mod 8, so vectorising over l does not
// reorder any addition.
__attribute__((always_inline)) inline void distancesBody(const float* c, const float* rows,
                                                         std::int64_t count, int d, double* out) {
    for (std::int64_t r = 0; r < count; ++r) {
        const float* a = rows + r * d;
        double acc[8] = {0, 0, 0, 0, 0, 0, 0, 0};
        int j = 0;
        for (; j + 8 <= d; j += 8) {
            for (int l = 0; l < 8; ++l) {
                const double t = static_cast<double>(a[j + l]) - static_cast<double>(c[j + l]);
                acc[l] += t * t;
            }
        }
        for (; j < d; ++j) {
            const double t = static_cast<double>(a[j]) - static_cast<double>(c[j]);
            acc[j & 7] += t * t;
        }
        out[r] = ((acc[0] + acc[1]) + (acc[2] + acc[3])) + ((acc[4] + acc[5]) + (acc[6] + acc[7]));
    }
}

void distancesDefault(const float* c, const float* rows, std::int64_t count, int d, double* out) {
    distancesBody(c, rows, count, d, out);
}

#if defined(__x86_64__) && defined(__GNUC__)
#define WINNOW_SELECT_X86 1
// No "fma": a contracted multiply-add would round differently from the baseline build.
__attribute__((target("avx2"))) void distancesAvx2(const float* c, const float* rows, std::int64_t count,
                                                   int d, double* out) {
    distancesBody(c, rows, count, d, out);
}
#endif

using Kernel = void (*)(const float*, const float*, std::int64_t, int, double*);

Kernel chooseKernel() {
#ifdef WINNOW_SELECT_X86
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx2")) return distancesAvx2;
#endif
    return distancesDefault;
}

}  // namespace

void squaredDistances(const float* c, const float* rows, std::int64_t count, int d, double* out) {
    static const Kernel kernel = chooseKernel();
    kernel(c, rows, count, d, out);
}

}  // namespace winnow::select::detail
