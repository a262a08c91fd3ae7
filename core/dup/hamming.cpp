// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "dup/hamming.h"

#include <atomic>

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#define WINNOW_DUP_X86 1
#endif

namespace winnow::dup::detail {

// Hits are written unconditionally and the count advanced by the comparison: hits are rare, and the
// branch-free form keeps the loop free of mispredictions when they are not.
std::size_t scanPortable(std::uint64_t query, const std::uint64_t* codes, std::size_t n, int maxDistance,
                         std::uint32_t* hits) {
    std::size_t count = 0;
    for (std::size_t k = 0; k < n; ++k) {
        hits[count] = static_cast<std::uint32_t>(k);
        count += popcount64(query ^ codes[k]) <= maxDistance;
    }
    return count;
}

std::size_t scanBlockPortable(const std::uint64_t* queries, std::size_t nq, const std::uint64_t* codes,
                              std::size_t n, int maxDistance, BlockHit* hits) {
    std::size_t count = 0;
    for (std::size_t q = 0; q < nq; ++q)
        for (std::size_t k = 0; k < n; ++k) {
            hits[count] = {static_cast<std::uint32_t>(q), static_cast<std::uint32_t>(k)};
            count += popcount64(queries[q] ^ codes[k]) <= maxDistance;
        }
    return count;
}

#ifdef WINNOW_DUP_X86

#define WINNOW_TARGET_POPCNT __attribute__((target("popcnt")))
#define WINNOW_TARGET_AVX512 __attribute__((target("avx512f,avx512vpopcntdq,popcnt,bmi")))

WINNOW_TARGET_POPCNT static std::size_t scanPopcnt(std::uint64_t query, const std::uint64_t* codes,
                                                   std::size_t n, int maxDistance, std::uint32_t* hits) {
    std::size_t count = 0;
    for (std::size_t k = 0; k < n; ++k) {
        hits[count] = static_cast<std::uint32_t>(k);
        count += __builtin_popcountll(query ^ codes[k]) <= maxDistance;
    }
    return count;
}

WINNOW_TARGET_POPCNT static std::size_t scanBlockPopcnt(const std::uint64_t* queries, std::size_t nq,
                                                        const std::uint64_t* codes, std::size_t n,
                                                        int maxDistance, BlockHit* hits) {
    std::size_t count = 0;
    for (std::size_t q = 0; q < nq; ++q)
        for (std::size_t k = 0; k < n; ++k) {
            hits[count] = {static_cast<std::uint32_t>(q), static_cast<std::uint32_t>(k)};
            count += __builtin_popcountll(queries[q] ^ codes[k]) <= maxDistance;
        }
    return count;
}

// Eight codes per step; the tail is a masked load, so a short run costs one or two steps.
WINNOW_TARGET_AVX512 static inline std::size_t scanRunAvx512(__m512i q, __m512i limit,
                                                             const std::uint64_t* codes, std::size_t n,
                                                             std::uint32_t query, BlockHit* hits,
                                                             std::uint32_t* plainHits) {
    std::size_t count = 0;
    std::size_t k = 0;
    for (; k < n; k += 8) {
        const __mmask8 lanes = n - k >= 8 ? __mmask8{0xFF} : static_cast<__mmask8>((1u << (n - k)) - 1);
        const __m512i c = _mm512_maskz_loadu_epi64(lanes, codes + k);
        const __m512i d = _mm512_popcnt_epi64(_mm512_xor_si512(c, q));
        unsigned mask = _mm512_mask_cmple_epu64_mask(lanes, d, limit);
        while (mask != 0) {
            const auto at = static_cast<std::uint32_t>(k + static_cast<unsigned>(__builtin_ctz(mask)));
            if (hits != nullptr)
                hits[count] = {query, at};
            else
                plainHits[count] = at;
            ++count;
            mask &= mask - 1;
        }
    }
    return count;
}

WINNOW_TARGET_AVX512 static std::size_t scanAvx512(std::uint64_t query, const std::uint64_t* codes,
                                                   std::size_t n, int maxDistance, std::uint32_t* hits) {
    return scanRunAvx512(_mm512_set1_epi64(static_cast<long long>(query)), _mm512_set1_epi64(maxDistance),
                         codes, n, 0, nullptr, hits);
}

WINNOW_TARGET_AVX512 static std::size_t scanBlockAvx512(const std::uint64_t* queries, std::size_t nq,
                                                        const std::uint64_t* codes, std::size_t n,
                                                        int maxDistance, BlockHit* hits) {
    const __m512i limit = _mm512_set1_epi64(maxDistance);
    std::size_t count = 0;
    for (std::size_t q = 0; q < nq; ++q)
        count += scanRunAvx512(_mm512_set1_epi64(static_cast<long long>(queries[q])), limit, codes, n,
                               static_cast<std::uint32_t>(q), hits + count, nullptr);
    return count;
}

#endif

namespace {

struct Kernels {
    ScanFunction scan;
    ScanBlockFunction scanBlock;
    const char* name;
};

Kernels detectKernels() {
#ifdef WINNOW_DUP_X86
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512vpopcntdq"))
        return {scanAvx512, scanBlockAvx512, "avx512-vpopcntdq"};
    if (__builtin_cpu_supports("popcnt")) return {scanPopcnt, scanBlockPopcnt, "popcnt"};
#endif
    return {scanPortable, scanBlockPortable, "portable"};
}

const Kernels& detectedKernels() {
    static const Kernels detected = detectKernels();
    return detected;
}

const Kernels kPortable{scanPortable, scanBlockPortable, "portable"};
std::atomic<bool> g_forcePortable{false};

const Kernels& kernels() {
    return g_forcePortable.load(std::memory_order_relaxed) ? kPortable : detectedKernels();
}

}  // namespace

ScanFunction scanFunction() {
    return kernels().scan;
}
ScanBlockFunction scanBlockFunction() {
    return kernels().scanBlock;
}
const char* scanKernelName() {
    return kernels().name;
}
void forcePortableKernels(bool portable) {
    g_forcePortable.store(portable, std::memory_order_relaxed);
}

}  // namespace winnow::dup::detail
