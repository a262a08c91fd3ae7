// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Internal to core/map: the parts of tsne() (tsne.cpp), exposed for its tests.

#include <memory>
#include <vector>

#include "map/fft2d.h"
#include "map/parallel.h"
#include "map/sparse.h"
#include "map/tsne.h"

namespace winnow::map::detail {

/// The joint affinities P (rows sorted by column, summing to 1 over all entries).
SparseRows jointAffinities(const select::KnnGraph& graph, double perplexity, int neighbours,
                           WorkerPool& pool);

/// Repulsion of a layout y (n x 2, row-major): rep_i = sum_{j != i} (y_i - y_j) / (1 + |y_i - y_j|^2)^2
/// into rep (n x 2), and the normalisation Z = sum_{i != j} 1 / (1 + |y_i - y_j|^2) as the return value.
double exactRepulsion(const std::vector<double>& y, std::vector<double>& rep, WorkerPool& pool);

/// The same by FIt-SNE's scheme: a square around the points, 10 % wider than their extent, is cut into
/// N x N intervals (N = the least 2^a 3^b >= max(minIntervals, width * intervalsPerUnit)), each with p x p
/// equispaced Lagrange nodes; the charges 1, x, y, x^2 + y^2 are spread to the nodes, convolved with the
/// kernel 1 / (1 + d^2)^2 by zero-padded 2-D FFTs (Fft2d) and interpolated back. Points are spread box by box
/// in index order, so the sums do not depend on the thread count. The grid and its kernel spectrum are kept
/// between calls while the points stay inside and span more than 4/5 of it (a quarter of the FFT work saved),
/// so a result depends on the layouts of the earlier calls as well: use one object per optimisation.
class FftRepulsion {
public:
    FftRepulsion(int interpolationPoints, int minIntervals, double intervalsPerUnit);
    ~FftRepulsion();
    double compute(const std::vector<double>& y, std::vector<double>& rep, WorkerPool& pool);
    /// Intervals per dimension used by the last compute().
    int intervals() const { return m_intervals; }

private:
    int m_points;
    int m_minIntervals;
    double m_perUnit;
    int m_intervals = 0;  // 0: no grid yet
    double m_lo = 0, m_extent = 0;
    std::unique_ptr<Fft2d> m_fft;
    Grid m_kernel, m_charges[2];
    std::vector<double> m_weights;    // n x 2p Lagrange weights (x then y)
    std::vector<std::int32_t> m_box;  // box index per point
    std::vector<std::int64_t> m_order, m_boxStart;
};

}  // namespace winnow::map::detail
