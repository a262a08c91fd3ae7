// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The built-in embedder's quality on real data (the acceptance measures, on a subset to stay fast):
// on Fashion-MNIST, k-NN (k = 10) accuracy at least PCA-50 of the raw pixels, and JPEG re-encodes found
// again (retrieval@1 >= 0.95). bench/embed_bench.py measures the same on the whole data set.
#include <gtest/gtest.h>

#include <filesystem>

#include "embed/builtin.h"
#include "evaluate.h"
#include "imageio/image.h"

using namespace winnow;
using embedtest::RowMatrix;

namespace {

const char* const kData = "/usr/share/datasets/fashion-mnist";

RowMatrix embedRows(embed::Embedder& e, const std::vector<imageio::Image>& images) {
    RowMatrix out(static_cast<Eigen::Index>(images.size()), e.dim());
    e.embed(images, out.data());
    return out;
}

}  // namespace

TEST(EmbedQuality, FashionMnistKnnAndJpegRetrieval) {
    const std::string trainPath = std::string(kData) + "/train-images-idx3-ubyte.gz";
    const std::string testPath = std::string(kData) + "/t10k-images-idx3-ubyte.gz";
    if (!std::filesystem::exists(trainPath) || !std::filesystem::exists(testPath)) {
        GTEST_SKIP() << "Fashion-MNIST is not installed (Debian package dataset-fashion-mnist)";
    }
    const embedtest::Labeled train = embedtest::readIdx(trainPath, 5000);
    const embedtest::Labeled test = embedtest::readIdx(testPath, 1000);
    ASSERT_EQ(train.images.size(), 5000u);
    ASSERT_EQ(test.images.size(), 1000u);

    embed::BuiltinEmbedder e;
    e.beginFit();
    e.addFitImages(train.images);
    e.endFit();
    const RowMatrix trainE = embedRows(e, train.images);
    const RowMatrix testE = embedRows(e, test.images);
    const double ours = embedtest::knnAccuracy(trainE, train.labels, testE, test.labels, 10);

    const embedtest::Pca pca = embedtest::fitPca(embedtest::pixelRows(train.images), 50);
    const double baseline =
        embedtest::knnAccuracy(pca.project(embedtest::pixelRows(train.images)), train.labels,
                               pca.project(embedtest::pixelRows(test.images)), test.labels, 10);
    RecordProperty("knn_builtin", std::to_string(ours));
    RecordProperty("knn_pca50", std::to_string(baseline));
    EXPECT_GE(ours, baseline) << "builtin " << ours << ", PCA-50 of raw pixels " << baseline;
    EXPECT_GT(ours, 0.86);  // measured 0.892 on this subset; PCA-50 0.832

    for (int quality : {50, 75}) {
        std::vector<imageio::Image> queries;
        for (std::size_t i = 0; i < 500; ++i) {
            const auto bytes = imageio::encodeJpeg(test.images[i], quality);
            queries.push_back(imageio::decode(bytes.data(), bytes.size()));
        }
        const double retrieval = embedtest::retrievalAt1(testE, embedRows(e, queries));
        RecordProperty("jpeg_retrieval_q" + std::to_string(quality), std::to_string(retrieval));
        EXPECT_GE(retrieval, 0.95) << "JPEG quality " << quality;
    }
}
