// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Internal to core/select: the min-distance-to-selected-set array shared by the greedy selectors.

#include <cstdint>
#include <vector>

#include "select/matrix.h"

namespace winnow::select {

/// Squared Euclidean distance from every row of X to the nearest selected row (+inf before any pick).
class MinDistance {
public:
    /// Largest min-distance over unselected rows and its lowest index; index -1 when none is left.
    struct Best {
        double value = -1;
        std::int64_t index = -1;
    };

    /// X must outlive this object.
    explicit MinDistance(const Matrix& X);

    /// Selects row i and updates every row's min-distance (two threads when rows*cols is large).
    Best add(std::int64_t i);

    /// Squared min-distance of row i (0 for selected rows).
    double squared(std::int64_t i) const { return m_mind[static_cast<std::size_t>(i)]; }
    bool selected(std::int64_t i) const { return m_selected[static_cast<std::size_t>(i)] != 0; }

private:
    Best updateRange(const float* c, std::int64_t begin, std::int64_t end);

    const Matrix& m_x;
    std::vector<double> m_mind;
    std::vector<unsigned char> m_selected;
};

}  // namespace winnow::select
