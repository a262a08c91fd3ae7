// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
// UMAP's spectral initialisation (umap-learn's spectral_layout and multi_component_layout).
#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <limits>

#include "common/error.h"
#include "map/pca.h"
#include "map/random.h"
#include "map/umapdetail.h"

namespace winnow::map::detail {
namespace {

constexpr int kDims = 2;
constexpr std::int64_t kDenseLimit = 512;
constexpr double kTolerance = 1e-4;
constexpr int kMaxRestarts = 200;

/// Flips v so that its entry of largest magnitude is positive (lowest index on ties).
void fixSign(Eigen::Ref<Eigen::VectorXd> v) {
    Eigen::Index largest = 0;
    for (Eigen::Index i = 1; i < v.size(); ++i)
        if (std::abs(v[i]) > std::abs(v[largest])) largest = i;
    if (v[largest] < 0) v = -v;
}

std::vector<double> toRows(const Eigen::MatrixXd& vectors) {
    std::vector<double> out(static_cast<std::size_t>(vectors.rows() * kDims));
    for (Eigen::Index i = 0; i < vectors.rows(); ++i)
        for (int c = 0; c < kDims; ++c) out[static_cast<std::size_t>(i * kDims + c)] = vectors(i, c);
    return out;
}

std::vector<double> denseEmbedding(const SparseRows& g, const Eigen::VectorXd& invSqrtDegree) {
    const std::int64_t n = g.n;
    Eigen::MatrixXd laplacian = Eigen::MatrixXd::Identity(n, n);
    for (std::int64_t i = 0; i < n; ++i)
        for (std::int64_t e = g.offsets[static_cast<std::size_t>(i)];
             e < g.offsets[static_cast<std::size_t>(i + 1)]; ++e) {
            const std::int64_t j = g.cols[static_cast<std::size_t>(e)];
            laplacian(i, j) -= invSqrtDegree[i] * g.values[static_cast<std::size_t>(e)] * invSqrtDegree[j];
        }
    laplacian = 0.5 * (laplacian + laplacian.transpose()).eval();
    Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> solver(laplacian);
    if (solver.info() != Eigen::Success) return {};
    Eigen::MatrixXd vectors = solver.eigenvectors().middleCols(1, kDims);  // eigenvalues ascending
    for (int c = 0; c < kDims; ++c) fixSign(vectors.col(c));
    return toRows(vectors);
}

/// Thick-restart Lanczos (Wu and Simon 2000) for the largest eigenvalues of M = D^-1/2 W D^-1/2 on the
/// orthogonal complement of its known top eigenvector u0 = D^1/2 1 / |D^1/2 1|; those are the smallest
/// non-trivial eigenvalues of the normalised Laplacian I - M. Full reorthogonalisation.
std::vector<double> lanczosEmbedding(const SparseRows& g, const Eigen::VectorXd& invSqrtDegree,
                                     const Eigen::VectorXd& u0, std::uint64_t seed, Progress& progress) {
    const std::int64_t n = g.n;
    const int m = static_cast<int>(std::clamp<std::int64_t>(
        static_cast<std::int64_t>(std::sqrt(static_cast<double>(n))), 32, std::min<std::int64_t>(96, n - 2)));
    const auto apply = [&](const Eigen::VectorXd& x, Eigen::VectorXd& y) {
        for (std::int64_t i = 0; i < n; ++i) {
            double s = 0;
            for (std::int64_t e = g.offsets[static_cast<std::size_t>(i)];
                 e < g.offsets[static_cast<std::size_t>(i + 1)]; ++e) {
                const std::int64_t j = g.cols[static_cast<std::size_t>(e)];
                s += g.values[static_cast<std::size_t>(e)] * invSqrtDegree[j] * x[j];
            }
            y[i] = invSqrtDegree[i] * s;
        }
    };
    Eigen::MatrixXd basis(n, m + 1);
    Eigen::MatrixXd h = Eigen::MatrixXd::Zero(m, m);
    {
        Rng rng(seed, 0x5bec7a1);
        Eigen::VectorXd v(n);
        for (std::int64_t i = 0; i < n; ++i) v[i] = rng.normal();
        v -= u0 * u0.dot(v);
        basis.col(0) = v.normalized();
    }
    Eigen::VectorXd w(n);
    int kept = 0;
    for (int restart = 0;; ++restart) {
        if (progress.isCanceled()) throw Canceled();
        int size = m;
        double beta = 0;
        for (int j = kept; j < m; ++j) {
            apply(basis.col(j), w);
            w -= u0 * u0.dot(w);
            Eigen::VectorXd coeff = basis.leftCols(j + 1).transpose() * w;
            w.noalias() -= basis.leftCols(j + 1) * coeff;
            const Eigen::VectorXd again = basis.leftCols(j + 1).transpose() * w;  // second pass for stability
            w.noalias() -= basis.leftCols(j + 1) * again;
            coeff += again;
            w -= u0 * u0.dot(w);
            h.col(j).head(j + 1) = coeff;
            h.row(j).head(j + 1) = coeff.transpose();
            beta = w.norm();
            if (beta < 1e-12) {  // an invariant subspace: its Ritz pairs are exact
                size = j + 1;
                break;
            }
            basis.col(j + 1) = w / beta;
        }
        Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> solver(h.topLeftCorner(size, size));
        if (solver.info() != Eigen::Success) return {};
        const Eigen::MatrixXd& y = solver.eigenvectors();  // eigenvalues ascending: wanted ones last
        bool converged = size < m;
        if (!converged) {
            converged = true;
            for (int c = 0; c < kDims; ++c) {
                const double theta = solver.eigenvalues()[size - 1 - c];
                if (std::abs(beta * y(size - 1, size - 1 - c)) > kTolerance * std::max(std::abs(theta), 1e-3))
                    converged = false;
            }
        }
        if (converged || restart == kMaxRestarts) {
            Eigen::MatrixXd vectors(n, kDims);
            for (int c = 0; c < kDims; ++c) vectors.col(c) = basis.leftCols(size) * y.col(size - 1 - c);
            for (int c = 0; c < kDims; ++c) fixSign(vectors.col(c));
            return toRows(vectors);
        }
        // Keep the best half of the Ritz vectors, then continue from the residual direction.
        kept = std::max(kDims + 1, m / 2);
        const Eigen::MatrixXd keep = basis.leftCols(size) * y.rightCols(kept);
        const Eigen::VectorXd next = basis.col(size);
        basis.leftCols(kept) = keep;
        basis.col(kept) = next;
        h.setZero();
        for (int c = 0; c < kept; ++c) h(c, c) = solver.eigenvalues()[size - kept + c];
    }
}

std::vector<double> uniformBox(std::int64_t count, double range, Rng& rng) {
    std::vector<double> out(static_cast<std::size_t>(count * kDims));
    for (double& v : out) v = -range + 2 * range * rng.uniform();
    return out;
}

}  // namespace

std::vector<double> spectralEmbedding(const SparseRows& g, std::uint64_t seed, Progress& progress) {
    const std::int64_t n = g.n;
    Eigen::VectorXd degree = Eigen::VectorXd::Zero(n);
    for (std::int64_t i = 0; i < n; ++i)
        for (std::int64_t e = g.offsets[static_cast<std::size_t>(i)];
             e < g.offsets[static_cast<std::size_t>(i + 1)]; ++e)
            degree[i] += g.values[static_cast<std::size_t>(e)];
    if (n < kDims + 2 || (degree.array() <= 0).any()) return {};
    const Eigen::VectorXd invSqrt = degree.array().rsqrt();
    if (n <= kDenseLimit) return denseEmbedding(g, invSqrt);
    const Eigen::VectorXd u0 = degree.array().sqrt().matrix().normalized();
    return lanczosEmbedding(g, invSqrt, u0, seed, progress);
}

std::vector<double> spectralInit(const SparseRows& g, const select::Matrix* X, std::uint64_t seed,
                                 WorkerPool& pool, Progress& progress) {
    const std::int64_t n = g.n;
    Rng rng(seed, 0x1417);
    std::int64_t count = 0;
    const std::vector<std::int64_t> label = connectedComponents(g, &count);
    if (count == 1) {
        std::vector<double> out = spectralEmbedding(g, seed, progress);
        return out.empty() ? uniformBox(n, 10.0, rng) : out;
    }
    // Places of the components: umap-learn's +-unit vectors for up to 4, else the 2-D PCA of the
    // components' centroids in the input space (umap-learn: a spectral embedding of their affinities),
    // or a circle when there is no input matrix; scaled so that the largest coordinate is 1.
    std::vector<std::int64_t> size(static_cast<std::size_t>(count), 0);
    for (std::int64_t c : label) ++size[static_cast<std::size_t>(c)];
    Eigen::MatrixXd meta(count, kDims);
    if (count <= 2 * kDims) {
        const double base[4][2] = {{1, 0}, {0, 1}, {-1, 0}, {0, -1}};
        for (std::int64_t c = 0; c < count; ++c) meta.row(c) << base[c][0], base[c][1];
    } else if (X != nullptr && X->cols > 0) {
        select::Matrix centroids;
        centroids.rows = count;
        centroids.cols = X->cols;
        std::vector<double> sums(static_cast<std::size_t>(count * X->cols), 0.0);
        for (std::int64_t i = 0; i < n; ++i)
            for (int j = 0; j < X->cols; ++j)
                sums[static_cast<std::size_t>(label[static_cast<std::size_t>(i)] * X->cols + j)] +=
                    X->row(i)[j];
        centroids.data.resize(sums.size());
        for (std::int64_t c = 0; c < count; ++c)
            for (int j = 0; j < X->cols; ++j)
                centroids.data[static_cast<std::size_t>(c * X->cols + j)] =
                    static_cast<float>(sums[static_cast<std::size_t>(c * X->cols + j)] /
                                       static_cast<double>(size[static_cast<std::size_t>(c)]));
        const select::Matrix places = pca2d(centroids, pool.threads());
        for (std::int64_t c = 0; c < count; ++c) meta.row(c) << places.row(c)[0], places.row(c)[1];
    } else {
        for (std::int64_t c = 0; c < count; ++c) {
            const double angle = 6.283185307179586 * static_cast<double>(c) / static_cast<double>(count);
            meta.row(c) << std::cos(angle), std::sin(angle);
        }
    }
    const double largest = meta.cwiseAbs().maxCoeff();
    if (largest > 0) meta /= largest;

    // Local indices of every component's vertices.
    std::vector<std::vector<std::int64_t>> members(static_cast<std::size_t>(count));
    std::vector<std::int64_t> local(static_cast<std::size_t>(n));
    for (std::int64_t i = 0; i < n; ++i) {
        auto& m = members[static_cast<std::size_t>(label[static_cast<std::size_t>(i)])];
        local[static_cast<std::size_t>(i)] = static_cast<std::int64_t>(m.size());
        m.push_back(i);
    }
    std::vector<double> out(static_cast<std::size_t>(n * kDims));
    for (std::int64_t c = 0; c < count; ++c) {
        double range = std::numeric_limits<double>::infinity();
        for (std::int64_t o = 0; o < count; ++o) {
            const double d = (meta.row(c) - meta.row(o)).norm();
            if (d > 0) range = std::min(range, d / 2);
        }
        if (!std::isfinite(range)) range = 1;
        const auto& m = members[static_cast<std::size_t>(c)];
        const auto cn = static_cast<std::int64_t>(m.size());
        std::vector<double> layout;
        if (cn >= 2 * kDims && cn > kDims + 1) {
            SparseRows sub;
            sub.n = cn;
            sub.offsets.push_back(0);
            for (std::int64_t v : m) {
                for (std::int64_t e = g.offsets[static_cast<std::size_t>(v)];
                     e < g.offsets[static_cast<std::size_t>(v + 1)]; ++e) {
                    sub.cols.push_back(local[static_cast<std::size_t>(g.cols[static_cast<std::size_t>(e)])]);
                    sub.values.push_back(g.values[static_cast<std::size_t>(e)]);
                }
                sub.offsets.push_back(static_cast<std::int64_t>(sub.cols.size()));
            }
            layout = spectralEmbedding(sub, seed + static_cast<std::uint64_t>(c), progress);
            if (!layout.empty()) {
                double peak = 0;
                for (double v : layout) peak = std::max(peak, std::abs(v));
                for (double& v : layout) v *= peak > 0 ? range / peak : 0.0;
            }
        }
        if (layout.empty()) layout = uniformBox(cn, range, rng);
        for (std::int64_t t = 0; t < cn; ++t)
            for (int d = 0; d < kDims; ++d)
                out[static_cast<std::size_t>(m[static_cast<std::size_t>(t)] * kDims + d)] =
                    layout[static_cast<std::size_t>(t * kDims + d)] + meta(c, d);
    }
    return out;
}

}  // namespace winnow::map::detail
