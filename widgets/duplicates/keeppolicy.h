// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <cstdint>
#include <vector>

#include "catalog/types.h"

namespace winnow::widgets {

/// Which member of a duplicate group to keep.
enum class KeepPolicy {
    First,     ///< the earliest imported (smallest id)
    Largest,   ///< the most pixels, then the most bytes, then the earliest
    Sharpest,  ///< the highest blur score (variance of the Laplacian), then the earliest
};

QString keepPolicyName(KeepPolicy policy);

/// The sample of a group that the policy keeps (0 for an empty group).
std::int64_t keeper(const std::vector<catalog::Sample>& group, KeepPolicy policy);

/// The members of a group that the policy does not keep, ascending.
std::vector<std::int64_t> othersThanKeeper(const std::vector<catalog::Sample>& group, KeepPolicy policy);

}  // namespace winnow::widgets
