// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "embed/whitening.h"

#include <algorithm>
#include <cmath>

#include <Eigen/Dense>

namespace winnow::embed::detail {

CovarianceAccumulator::CovarianceAccumulator(int dim) {
    reset(dim);
}

void CovarianceAccumulator::reset(int dim) {
    m_dim = dim;
    m_count = 0;
    m_pending = 0;
    m_shift.assign(dim, 0.0);
    m_sum.assign(dim, 0.0);
    m_scatter.assign(static_cast<std::size_t>(dim) * dim, 0.0);
    m_block.assign(static_cast<std::size_t>(dim) * kBlock, 0.0);
}

void CovarianceAccumulator::add(const float* row) {
    if (m_count == 0) {
        for (int k = 0; k < m_dim; ++k) m_shift[k] = row[k];
    }
    double* col = m_block.data() + static_cast<std::size_t>(m_pending) * m_dim;
    for (int k = 0; k < m_dim; ++k) col[k] = static_cast<double>(row[k]) - m_shift[k];
    ++m_count;
    if (++m_pending == kBlock) flush();
}

void CovarianceAccumulator::flush() {
    if (m_pending == 0) return;
    Eigen::Map<Eigen::MatrixXd> scatter(m_scatter.data(), m_dim, m_dim);
    Eigen::Map<const Eigen::MatrixXd> block(m_block.data(), m_dim, m_pending);
    scatter.selfadjointView<Eigen::Lower>().rankUpdate(block);
    Eigen::Map<Eigen::VectorXd>(m_sum.data(), m_dim) += block.rowwise().sum();
    m_pending = 0;
}

void CovarianceAccumulator::result(std::vector<double>& mean, std::vector<double>& covariance) {
    flush();
    const double n = static_cast<double>(m_count);
    Eigen::Map<const Eigen::VectorXd> sum(m_sum.data(), m_dim);
    const Eigen::VectorXd centre = sum / n;
    Eigen::MatrixXd cov =
        Eigen::Map<const Eigen::MatrixXd>(m_scatter.data(), m_dim, m_dim).selfadjointView<Eigen::Lower>();
    cov.noalias() -= n * centre * centre.transpose();
    cov /= (n - 1.0);
    mean.resize(m_dim);
    for (int k = 0; k < m_dim; ++k) mean[k] = m_shift[k] + centre[k];
    covariance.assign(cov.data(), cov.data() + cov.size());
}

Whitening fitWhitening(const std::vector<double>& mean, const std::vector<double>& covariance, int dim,
                       int outputDim, double shrink, std::int64_t count) {
    Eigen::Map<const Eigen::MatrixXd> cov(covariance.data(), dim, dim);
    Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> solver(cov);  // ascending eigenvalues
    const Eigen::VectorXd& values = solver.eigenvalues();
    const Eigen::MatrixXd& vectors = solver.eigenvectors();

    Whitening w;
    w.inputDim = dim;
    w.outputDim = outputDim;
    w.fitCount = count;
    w.eigenvalues.resize(outputDim);
    double keptSum = 0.0;
    for (int j = 0; j < outputDim; ++j) {
        w.eigenvalues[j] = std::max(values[dim - 1 - j], 0.0);
        keptSum += w.eigenvalues[j];
    }
    w.epsilon = shrink * keptSum / outputDim + 1e-9;
    w.mean.assign(mean.begin(), mean.end());
    w.projection.resize(static_cast<std::size_t>(outputDim) * dim);
    for (int j = 0; j < outputDim; ++j) {
        const auto v = vectors.col(dim - 1 - j);
        int largest = 0;
        for (int k = 1; k < dim; ++k) {
            if (std::abs(v[k]) > std::abs(v[largest])) largest = k;
        }
        const double sign = v[largest] < 0.0 ? -1.0 : 1.0;
        const double scale = sign / std::sqrt(w.eigenvalues[j] + w.epsilon);
        float* row = w.projection.data() + static_cast<std::size_t>(j) * dim;
        for (int k = 0; k < dim; ++k) row[k] = static_cast<float>(v[k] * scale);
    }
    return w;
}

}  // namespace winnow::embed::detail
