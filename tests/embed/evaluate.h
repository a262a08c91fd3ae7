// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Evaluation helpers shared by test_embed and bench/embed: Fashion-MNIST records through the IDX source,
// k-NN label accuracy, retrieval@1 and the PCA baseline of raw pixels. Plain brute force with Eigen.

#include <algorithm>
#include <cstdint>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <Eigen/Dense>

#include "common/error.h"
#include "imageio/image.h"
#include "sources/source.h"

namespace winnow::embedtest {

/// Row-major float matrix (one sample per row).
using RowMatrix = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

struct Labeled {
    std::vector<imageio::Image> images;
    std::vector<int> labels;
};

/// The first `limit` records (all when limit < 0) of an IDX images file, with their labels.
inline Labeled readIdx(const std::string& imagesPath, std::int64_t limit = -1) {
    auto source = sources::openSource(imagesPath, sources::Format::Idx);
    Labeled out;
    sources::Item item;
    while ((limit < 0 || static_cast<std::int64_t>(out.images.size()) < limit) && source->next(item)) {
        imageio::Image im;
        im.width = item.rawWidth;
        im.height = item.rawHeight;
        im.channels = item.rawChannels;
        im.pixels = std::move(item.bytes);
        out.images.push_back(std::move(im));
        out.labels.push_back(item.label.empty() ? -1 : std::stoi(item.label));
    }
    return out;
}

/// Pixels of same-sized images as rows of floats in [0, 1].
inline RowMatrix pixelRows(const std::vector<imageio::Image>& images) {
    const std::size_t size = images.empty() ? 0 : images[0].pixels.size();
    RowMatrix m(static_cast<Eigen::Index>(images.size()), static_cast<Eigen::Index>(size));
    for (std::size_t i = 0; i < images.size(); ++i) {
        if (images[i].pixels.size() != size) throw Error("pixelRows: images differ in size");
        for (std::size_t k = 0; k < size; ++k) m(i, k) = images[i].pixels[k] / 255.0f;
    }
    return m;
}

/// Calls fn(begin, end) over [0, n) in blocks of `block`, on all cores.
template <class Fn>
void parallelBlocks(Eigen::Index n, Eigen::Index block, Fn fn) {
    const Eigen::Index blocks = (n + block - 1) / block;
    const int threads = std::max(
        1, std::min<int>(static_cast<int>(std::thread::hardware_concurrency()), static_cast<int>(blocks)));
    std::vector<std::thread> pool;
    for (int t = 0; t < threads; ++t) {
        pool.emplace_back([&, t] {
            for (Eigen::Index b = t; b < blocks; b += threads) fn(b * block, std::min(n, (b + 1) * block));
        });
    }
    for (auto& th : pool) th.join();
}

/// Indices of the k nearest rows of `base` (Euclidean) for every row of `queries`, nearest first, ties by
/// lower index. O(nq nb d) with GEMM.
inline std::vector<std::vector<int>> nearest(const RowMatrix& base, const RowMatrix& queries, int k) {
    const Eigen::VectorXf norms = base.rowwise().squaredNorm();
    std::vector<std::vector<int>> result(static_cast<std::size_t>(queries.rows()));
    parallelBlocks(queries.rows(), 64, [&](Eigen::Index begin, Eigen::Index end) {
        const Eigen::MatrixXf products = base * queries.middleRows(begin, end - begin).transpose();  // nb x q
        std::vector<std::pair<float, int>> d(static_cast<std::size_t>(base.rows()));
        for (Eigen::Index q = begin; q < end; ++q) {
            for (Eigen::Index i = 0; i < base.rows(); ++i) {
                d[i] = {norms[i] - 2.0f * products(i, q - begin), static_cast<int>(i)};
            }
            std::partial_sort(d.begin(), d.begin() + k, d.end());
            for (int j = 0; j < k; ++j) result[q].push_back(d[j].second);
        }
    });
    return result;
}

/// k-NN (majority vote of the k nearest training rows, ties to the lower label) accuracy on the test rows.
inline double knnAccuracy(const RowMatrix& train, const std::vector<int>& trainLabels, const RowMatrix& test,
                          const std::vector<int>& testLabels, int k = 10) {
    const auto nn = nearest(train, test, k);
    std::int64_t correct = 0;
    for (std::size_t q = 0; q < nn.size(); ++q) {
        std::vector<int> votes(256, 0);
        for (int i : nn[q]) ++votes[trainLabels[i]];
        const int predicted = static_cast<int>(std::max_element(votes.begin(), votes.end()) - votes.begin());
        correct += predicted == testLabels[q];
    }
    return static_cast<double>(correct) / static_cast<double>(nn.size());
}

/// Fraction of queries whose nearest base row is the row with the same index.
inline double retrievalAt1(const RowMatrix& base, const RowMatrix& queries) {
    const auto nn = nearest(base, queries, 1);
    std::int64_t hits = 0;
    for (std::size_t q = 0; q < nn.size(); ++q) hits += nn[q][0] == static_cast<int>(q);
    return static_cast<double>(hits) / static_cast<double>(nn.size());
}

/// A PCA fitted on the rows of a matrix: project(x) = (x - mean) basis.
struct Pca {
    Eigen::RowVectorXf mean;
    Eigen::MatrixXf basis;  ///< columns: leading eigenvectors, weakest first
    RowMatrix project(const RowMatrix& x) const { return (x.rowwise() - mean) * basis; }
};

/// PCA to `components` dimensions fitted on train (float64 covariance, Eigen's SelfAdjointEigenSolver).
inline Pca fitPca(const RowMatrix& train, int components) {
    const Eigen::MatrixXd x = train.cast<double>();
    const Eigen::RowVectorXd mean = x.colwise().mean();
    const Eigen::MatrixXd centred = x.rowwise() - mean;
    const Eigen::MatrixXd cov = (centred.transpose() * centred) / static_cast<double>(x.rows() - 1);
    Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> solver(cov);
    return {mean.cast<float>(), solver.eigenvectors().rightCols(components).cast<float>()};
}

}  // namespace winnow::embedtest
