// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "map/pca.h"

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "common/error.h"
#include "map/parallel.h"

namespace winnow::map {
namespace {

using RowMatrixF = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

/// Rows per covariance block, and blocks per wave (the partials of a wave are added in block order).
constexpr std::int64_t kBlockRows = 2048;
constexpr std::int64_t kWave = 8;

}  // namespace

select::Matrix pca(const select::Matrix& X, int components, int threads, Progress& progress) {
    select::checkShape(X);
    const std::int64_t n = X.rows;
    const int d = X.cols;
    if (components < 1 || components > std::max(1, d))
        throw std::invalid_argument("pca: components must be in [1, columns]");
    select::Matrix out;
    out.rows = n;
    out.cols = components;
    out.data.assign(static_cast<std::size_t>(n * components), 0.0f);
    if (n < 2 || d == 0) return out;

    detail::WorkerPool pool(detail::resolveThreads(threads));
    Eigen::Map<const RowMatrixF> x(X.data.data(), n, d);
    // Column means in float64, in row order.
    Eigen::VectorXd mean = Eigen::VectorXd::Zero(d);
    for (std::int64_t i = 0; i < n; ++i) mean += x.row(i).cast<double>().transpose();
    mean /= static_cast<double>(n);

    const std::int64_t blocks = (n + kBlockRows - 1) / kBlockRows;
    Eigen::MatrixXd cov = Eigen::MatrixXd::Zero(d, d);
    std::vector<Eigen::MatrixXd> partial(static_cast<std::size_t>(std::min(blocks, kWave)));
    for (std::int64_t wave = 0; wave < blocks; wave += kWave) {
        if (progress.isCanceled()) throw Canceled();
        progress.report(wave * kBlockRows, n, "principal components");
        const std::int64_t count = std::min(kWave, blocks - wave);
        pool.run(count, 1, [&](std::int64_t begin, std::int64_t end, int) {
            for (std::int64_t b = begin; b < end; ++b) {
                const std::int64_t r0 = (wave + b) * kBlockRows, r1 = std::min(n, r0 + kBlockRows);
                Eigen::MatrixXd centred = x.middleRows(r0, r1 - r0).cast<double>();
                centred.rowwise() -= mean.transpose();
                partial[static_cast<std::size_t>(b)] = centred.transpose() * centred;
            }
        });
        for (std::int64_t b = 0; b < count; ++b) cov += partial[static_cast<std::size_t>(b)];
    }
    cov /= static_cast<double>(n - 1);
    cov = 0.5 * (cov + cov.transpose());

    Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> solver(cov);
    if (solver.info() != Eigen::Success) throw Error("pca: the eigen-decomposition did not converge");
    Eigen::MatrixXd basis(d, components);
    for (int c = 0; c < components; ++c) {
        Eigen::VectorXd v = solver.eigenvectors().col(d - 1 - c);  // eigenvalues come in increasing order
        int largest = 0;
        for (int j = 1; j < d; ++j)
            if (std::abs(v[j]) > std::abs(v[largest])) largest = j;
        if (v[largest] < 0) v = -v;
        basis.col(c) = v;
    }
    pool.run(n, 1024, [&](std::int64_t begin, std::int64_t end, int) {
        for (std::int64_t i = begin; i < end; ++i) {
            const Eigen::RowVectorXd centred = x.row(i).cast<double>() - mean.transpose();
            const Eigen::RowVectorXd projected = centred * basis;
            for (int c = 0; c < components; ++c) out.row(i)[c] = static_cast<float>(projected[c]);
        }
    });
    progress.report(n, n, "principal components");
    return out;
}

select::Matrix pca2d(const select::Matrix& X, int threads, Progress& progress) {
    if (X.cols >= 2) return pca(X, 2, threads, progress);
    select::Matrix one = pca(X, 1, threads, progress);
    select::Matrix out;
    out.rows = X.rows;
    out.cols = 2;
    out.data.assign(static_cast<std::size_t>(X.rows * 2), 0.0f);
    for (std::int64_t i = 0; i < X.rows; ++i) out.row(i)[0] = one.data.empty() ? 0.0f : one.row(i)[0];
    return out;
}

}  // namespace winnow::map
