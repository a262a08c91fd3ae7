// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "select/quota.h"

#include <algorithm>
#include <numeric>
#include <stdexcept>
#include <string>

namespace winnow::select {
namespace {

/// Sum of sizes after checking that sizes and total are non-negative.
std::int64_t checkedSum(const std::vector<std::int64_t>& sizes, std::int64_t total, const char* who) {
    if (total < 0) throw std::invalid_argument(std::string(who) + ": negative total");
    std::int64_t sum = 0;
    for (auto s : sizes) {
        if (s < 0) throw std::invalid_argument(std::string(who) + ": negative group size");
        sum += s;
    }
    return sum;
}

/// sum(min(sizes[i], level)).
std::int64_t filled(const std::vector<std::int64_t>& sizes, std::int64_t level) {
    std::int64_t sum = 0;
    for (auto s : sizes) sum += std::min(s, level);
    return sum;
}

}  // namespace

std::vector<std::int64_t> largestRemainderQuotas(const std::vector<std::int64_t>& sizes, std::int64_t total) {
    const std::int64_t sum = checkedSum(sizes, total, "largestRemainderQuotas");
    std::vector<std::int64_t> quota(sizes.size(), 0);
    if (sum == 0) return quota;
    const std::int64_t t = std::min(total, sum);
    std::vector<std::int64_t> remainder(sizes.size());
    std::int64_t given = 0;
    for (std::size_t i = 0; i < sizes.size(); ++i) {
        const __int128 product = static_cast<__int128>(sizes[i]) * t;
        quota[i] = static_cast<std::int64_t>(product / sum);
        remainder[i] = static_cast<std::int64_t>(product % sum);
        given += quota[i];
    }
    std::vector<std::size_t> order(sizes.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return remainder[a] > remainder[b]; });
    // The leftover equals the sum of the fractional parts, so it is below the count of non-zero remainders:
    // only groups with quota < size receive a unit.
    for (std::int64_t r = 0; r < t - given; ++r) ++quota[order[static_cast<std::size_t>(r)]];
    return quota;
}

std::vector<std::int64_t> waterFillingQuotas(const std::vector<std::int64_t>& sizes, std::int64_t total) {
    const std::int64_t sum = checkedSum(sizes, total, "waterFillingQuotas");
    if (total >= sum) return sizes;
    // Smallest level with filled(level) >= total (filled is non-decreasing; filled(max size) = sum > total).
    std::int64_t lo = 0, hi = *std::max_element(sizes.begin(), sizes.end());
    while (lo < hi) {
        const std::int64_t mid = lo + (hi - lo) / 2;
        if (filled(sizes, mid) >= total)
            hi = mid;
        else
            lo = mid + 1;
    }
    const std::int64_t level = lo;
    std::vector<std::int64_t> quota(sizes.size());
    if (level == 0) return quota;  // total == 0
    std::int64_t left = total - filled(sizes, level - 1);
    for (std::size_t i = 0; i < sizes.size(); ++i) {
        quota[i] = std::min(sizes[i], level - 1);
        if (left > 0 && sizes[i] >= level) {
            ++quota[i];
            --left;
        }
    }
    return quota;
}

}  // namespace winnow::select
