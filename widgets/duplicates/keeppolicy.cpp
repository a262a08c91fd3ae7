// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/duplicates/keeppolicy.h"

#include <QCoreApplication>
#include <algorithm>

namespace winnow::widgets {

QString keepPolicyName(KeepPolicy policy) {
    switch (policy) {
        case KeepPolicy::First: return QCoreApplication::translate("KeepPolicy", "Keep first");
        case KeepPolicy::Largest: return QCoreApplication::translate("KeepPolicy", "Keep largest");
        case KeepPolicy::Sharpest: return QCoreApplication::translate("KeepPolicy", "Keep sharpest");
    }
    return {};
}

std::int64_t keeper(const std::vector<catalog::Sample>& group, KeepPolicy policy) {
    if (group.empty()) return 0;
    // "a is a better keeper than b"
    auto better = [policy](const catalog::Sample& a, const catalog::Sample& b) {
        switch (policy) {
            case KeepPolicy::First: break;
            case KeepPolicy::Largest: {
                const auto pa = std::int64_t(a.width) * a.height, pb = std::int64_t(b.width) * b.height;
                if (pa != pb) return pa > pb;
                if (a.byteSize != b.byteSize) return a.byteSize > b.byteSize;
                break;
            }
            case KeepPolicy::Sharpest:
                if (a.blur != b.blur) return a.blur > b.blur;
                break;
        }
        return a.id < b.id;
    };
    return std::min_element(group.begin(), group.end(), better)->id;
}

std::vector<std::int64_t> othersThanKeeper(const std::vector<catalog::Sample>& group, KeepPolicy policy) {
    const std::int64_t keep = keeper(group, policy);
    std::vector<std::int64_t> others;
    for (const auto& s : group)
        if (s.id != keep) others.push_back(s.id);
    std::sort(others.begin(), others.end());
    return others;
}

}  // namespace winnow::widgets
