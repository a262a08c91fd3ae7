// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Internal to core/map: a portable seeded generator (SplitMix64, Steele, Lea and Flood 2014). The standard
// library's distributions differ between implementations, so layouts draw through these helpers only.

#include <cmath>
#include <cstdint>

namespace winnow::map::detail {

/// One SplitMix64 step: advances state and returns 64 mixed bits.
inline std::uint64_t splitMix64(std::uint64_t& state) {
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

/// A generator for stream `stream` of `seed`: streams of one seed are independent of each other.
class Rng {
public:
    Rng(std::uint64_t seed, std::uint64_t stream) {
        std::uint64_t s = seed ^ (stream * 0xD1B54A32D192ED03ull);
        m_state = splitMix64(s);
    }
    std::uint64_t next() { return splitMix64(m_state); }
    /// Uniform in [0, 1) with 53 random bits.
    double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
    /// Standard normal (Box-Muller, one value per call).
    double normal() {
        const double u = 1.0 - uniform();  // (0, 1]
        const double v = uniform();
        return std::sqrt(-2.0 * std::log(u)) * std::cos(6.283185307179586 * v);
    }
    /// Uniform integer in [0, n) for 1 <= n < 2^32 (Lemire's multiply-shift, no division; bias below n/2^32).
    std::uint64_t below(std::uint64_t n) { return ((next() >> 32) * n) >> 32; }

private:
    std::uint64_t m_state;
};

}  // namespace winnow::map::detail
