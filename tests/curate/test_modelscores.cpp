// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The "model" score (curate/modelscorer.h) on a real project with the TorchScript fixture scorer
// tests/data/torchembed/tiny-scorer.pt: batch sizes agree, a cancel stores nothing, bad parameters and
// models are refused with a clear message. Values against PyTorch: tests/cli/test_curatecli.cpp.
#include <gtest/gtest.h>

#include <cmath>
#include <functional>

#include "catalog/catalog.h"
#include "common/error.h"
#include "curate/modelscorer.h"
#include "curate/scores.h"
#include "projectfixture.h"

namespace winnow::test {
namespace {

const std::string kScorer = std::string(WINNOW_TEST_DATA_DIR) + "/torchembed/tiny-scorer.pt";

std::string errorOf(const std::function<void()>& f) {
    try {
        f();
    } catch (const std::exception& e) {
        return e.what();
    }
    return "";
}

TEST(ModelScores, ParametersAreChecked) {
    auto params = [](std::vector<std::string> pairs) { return curate::MethodParams::fromPairs(pairs); };
    auto p = params({});
    EXPECT_NE(errorOf([&] { curate::ModelScoreParams::fromParams(p); }).find("model=FILE.pt"), std::string::npos);
    p = params({"model=x.pt", "device=tpu"});
    EXPECT_NE(errorOf([&] { curate::ModelScoreParams::fromParams(p); }).find("device"), std::string::npos);
    p = params({"model=x.pt", "batch=-1"});
    EXPECT_NE(errorOf([&] { curate::ModelScoreParams::fromParams(p); }).find("batch"), std::string::npos);
    p = params({"model=x.pt", "device=cpu", "batch=4", "threads=2"});
    const auto parsed = curate::ModelScoreParams::fromParams(p);
    EXPECT_EQ(parsed.model, "x.pt");
    EXPECT_EQ(parsed.device, "cpu");
    EXPECT_EQ(parsed.batchSize, 4);
    EXPECT_EQ(parsed.threads, 2);
    // "model" is listed with the other kinds.
    bool listed = false;
    for (const auto& [kind, help] : curate::scoreKinds()) listed |= kind == "model";
    EXPECT_TRUE(listed);
}

TEST(ModelScores, BatchSizesAgreeAndACancelStoresNothing) {
#ifndef WINNOW_HAVE_TORCH_PLUGIN
    GTEST_SKIP() << "built without libtorch: no TorchScript plugin";
#else
    PhotoProject project(7, 1);
    auto cat = catalog::Catalog::open(project.path);
    curate::ModelScoreParams p;
    p.model = kScorer;
    p.device = "cpu";
    p.batchSize = 1;
    const curate::ScoreReport one = curate::computeModelScores(cat, p);
    ASSERT_EQ(one.names, std::vector<std::string>{"model:tiny-scorer"});
    EXPECT_EQ(one.samples, 7);
    const std::vector<double> a = cat.scores("model:tiny-scorer", project.ids);
    p.batchSize = 5;
    p.threads = 1;
    curate::computeModelScores(cat, p);
    const std::vector<double> b = cat.scores("model:tiny-scorer", project.ids);
    for (std::size_t i = 0; i < a.size(); ++i) {
        EXPECT_FALSE(std::isnan(a[i])) << i;
        EXPECT_NEAR(a[i], b[i], 1e-6) << i;
    }

    cat.deleteScores("model:tiny-scorer");
    SimpleProgress canceled;
    canceled.cancel();
    EXPECT_THROW(curate::computeModelScores(cat, p, canceled), Canceled);
    EXPECT_TRUE(cat.scoreNames().empty());

    // An embedder's model is not a scorer.
    p.model = std::string(WINNOW_TEST_DATA_DIR) + "/torchembed/tiny-convnet.pt";
    EXPECT_NE(errorOf([&] { curate::computeModelScores(cat, p); }).find("is an embedder"), std::string::npos);
    p.model = project.dir.file("missing.pt");
    EXPECT_NE(errorOf([&] { curate::computeModelScores(cat, p); }).find("no such model file"), std::string::npos);
#endif
}

}  // namespace
}  // namespace winnow::test
