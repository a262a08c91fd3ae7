// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Internal to core/embed: the streaming covariance and the PCA whitening of the built-in embedder.

#include <cstdint>
#include <vector>

namespace winnow::embed::detail {

/// A fitted PCA whitening: y = projection (x - mean), projection row j = v_j / sqrt(lambda_j + epsilon).
struct Whitening {
    int inputDim = 0;
    int outputDim = 0;
    std::int64_t fitCount = 0;        ///< images the covariance was estimated from
    double epsilon = 0.0;             ///< added to every eigenvalue
    std::vector<float> mean;          ///< inputDim
    std::vector<float> projection;    ///< outputDim x inputDim, row-major
    std::vector<double> eigenvalues;  ///< outputDim, descending (covariance with divisor n - 1)
};

/// Accumulates the mean and covariance of a stream of vectors in float64. Rows are buffered and added in
/// fixed blocks of kBlock rows (a symmetric rank-k update each), shifted by the first row for accuracy, so
/// the result depends only on the sequence of rows, not on how the caller batched them.
/// Thread affinity: one thread at a time. Memory O(dim^2 + kBlock dim) doubles.
class CovarianceAccumulator {
public:
    static constexpr int kBlock = 256;

    explicit CovarianceAccumulator(int dim = 0);
    void reset(int dim);
    /// Adds one row of dim() floats. O(dim^2) amortised.
    void add(const float* row);
    std::int64_t count() const { return m_count; }
    int dim() const { return m_dim; }
    /// Mean (dim) and covariance (dim x dim, column-major, divisor n - 1) of the rows added so far.
    /// Precondition: count() >= 2.
    void result(std::vector<double>& mean, std::vector<double>& covariance);

private:
    void flush();

    int m_dim = 0;
    std::int64_t m_count = 0;
    int m_pending = 0;
    std::vector<double> m_shift;    ///< the first row
    std::vector<double> m_sum;      ///< sum of (row - shift)
    std::vector<double> m_scatter;  ///< lower triangle of sum of (row - shift)(row - shift)^T, column-major
    std::vector<double> m_block;    ///< dim x kBlock, column-major, rows not yet added
};

/// Fits the whitening to keep the outputDim leading principal directions of a covariance (column-major,
/// dim x dim): eigen-decomposition in float64 (Eigen's SelfAdjointEigenSolver, O(dim^3)), negative
/// eigenvalues clamped to 0, epsilon = shrink * (mean of the kept eigenvalues) + 1e-9 (so that nothing is
/// divided by zero, even when every image is the same), each eigenvector's sign fixed so that its largest
/// absolute component (the first such on ties) is positive. Precondition: 1 <= outputDim <= dim.
Whitening fitWhitening(const std::vector<double>& mean, const std::vector<double>& covariance, int dim,
                       int outputDim, double shrink, std::int64_t count);

}  // namespace winnow::embed::detail
