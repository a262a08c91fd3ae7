// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "dup/groups.h"

#include <algorithm>

namespace winnow::dup::detail {

namespace {

struct Keyed {
    std::uint64_t code;
    std::uint32_t index;
};

}  // namespace

CodeGroups groupIdenticalCodes(const std::vector<std::uint64_t>& codes) {
    const std::size_t n = codes.size();
    const auto byCodeThenIndex = [](const Keyed& a, const Keyed& b) {
        return a.code != b.code ? a.code < b.code : a.index < b.index;
    };
    std::vector<Keyed> keyed(n);
    if (n < 4096) {
        for (std::size_t i = 0; i < n; ++i) keyed[i] = {codes[i], static_cast<std::uint32_t>(i)};
        std::sort(keyed.begin(), keyed.end(), byCodeThenIndex);
    } else {
        // Counting sort by the top 16 bits, then each (small, on spread codes) bucket by comparison:
        // about three times faster than one comparison sort of a million codes.
        std::vector<std::uint32_t> end(std::size_t{1} << 16, 0);
        for (std::uint64_t c : codes) ++end[c >> 48];
        std::uint32_t sum = 0;
        for (std::uint32_t& e : end) {
            sum += e;
            e = sum - e;  // the bucket's start for now; its end once filled
        }
        for (std::size_t i = 0; i < n; ++i)
            keyed[end[codes[i] >> 48]++] = {codes[i], static_cast<std::uint32_t>(i)};
        std::uint32_t begin = 0;
        for (std::uint32_t e : end) {
            if (e - begin > 1) std::sort(keyed.begin() + begin, keyed.begin() + e, byCodeThenIndex);
            begin = e;
        }
    }

    CodeGroups g;
    g.members.resize(n);
    g.groupOf.resize(n);
    g.position.resize(n);
    for (std::size_t k = 0; k < n; ++k) {
        if (k == 0 || keyed[k].code != keyed[k - 1].code) {
            g.codes.push_back(keyed[k].code);
            g.begin.push_back(static_cast<std::uint32_t>(k));
        }
        const std::uint32_t i = keyed[k].index;
        g.members[k] = i;
        g.groupOf[i] = static_cast<std::uint32_t>(g.codes.size() - 1);
        g.position[i] = static_cast<std::uint32_t>(k);
    }
    g.begin.push_back(static_cast<std::uint32_t>(n));
    return g;
}

}  // namespace winnow::dup::detail
