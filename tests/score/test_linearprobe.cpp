// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/error.h"
#include "score/linearprobe.h"
#include "tempdir.h"

// LinearProbe against scikit-learn's LogisticRegression(lbfgs, tol=1e-12) and against the same optimum
// polished with exact Newton steps in numpy (tests/data/score/make_probe.py).

using winnow::score::LinearProbe;
using winnow::score::ProbeParameters;

namespace {

struct Case {
    std::string name;
    ProbeParameters parameters;
    int n = 0;
    int dim = 0;
    std::vector<float> x, queries;
    std::vector<int> y;
    std::vector<double> coefficients, polished, scores;
    double intercept = 0, polishedIntercept = 0;
};

std::vector<Case> cases() {
    std::ifstream in(std::string(WINNOW_TEST_DATA_DIR) + "/score/probe.json");
    const auto j = nlohmann::json::parse(in);
    std::vector<Case> out;
    for (const auto& c : j.at("cases")) {
        Case k;
        k.name = c.at("name");
        k.parameters.c = c.at("c");
        k.parameters.fitIntercept = c.at("fit_intercept");
        k.parameters.balanced = c.at("balanced");
        k.n = c.at("n");
        k.dim = c.at("dim");
        for (double v : c.at("x")) {
            k.x.push_back(static_cast<float>(v));  // written from float32: exact
        }
        for (double v : c.at("queries")) {
            k.queries.push_back(static_cast<float>(v));
        }
        k.y = c.at("y").get<std::vector<int>>();
        k.coefficients = c.at("coefficients").get<std::vector<double>>();
        k.polished = c.at("polished_coefficients").get<std::vector<double>>();
        k.scores = c.at("scores").get<std::vector<double>>();
        k.intercept = c.at("intercept");
        k.polishedIntercept = c.at("polished_intercept");
        out.push_back(k);
    }
    return out;
}

double maxAbs(const std::vector<double>& v) {
    double m = 0;
    for (double x : v) {
        m = std::max(m, std::abs(x));
    }
    return m;
}

}  // namespace

TEST(LinearProbe, MatchesScikitLearn) {
    for (const Case& c : cases()) {
        SCOPED_TRACE(c.name);
        const LinearProbe probe = LinearProbe::fit(c.x.data(), c.n, c.dim, c.y, c.parameters);
        EXPECT_TRUE(probe.converged());
        ASSERT_EQ(probe.dim(), c.dim);
        const double scale = std::max(maxAbs(c.coefficients), std::abs(c.intercept));
        double worstSk = 0, worstPolished = 0;
        for (int k = 0; k < c.dim; ++k) {
            worstSk = std::max(worstSk, std::abs(probe.coefficients()[k] - c.coefficients[k]) / scale);
            worstPolished =
                std::max(worstPolished, std::abs(probe.coefficients()[k] - c.polished[k]) / scale);
        }
        worstSk = std::max(worstSk, std::abs(probe.intercept() - c.intercept) / scale);
        worstPolished = std::max(worstPolished, std::abs(probe.intercept() - c.polishedIntercept) / scale);
        EXPECT_LE(worstSk, 1e-4);
        EXPECT_LE(worstPolished, 1e-7);
        if (!c.parameters.fitIntercept) {
            EXPECT_EQ(probe.intercept(), 0.0);
        }
        std::vector<float> scores(c.scores.size());
        probe.score(c.queries.data(), scores.size(), scores.data());
        for (std::size_t i = 0; i < scores.size(); ++i) {
            EXPECT_NEAR(scores[i], c.scores[i], 1e-4);
            EXPECT_GE(scores[i], 0.0f);
            EXPECT_LE(scores[i], 1.0f);
        }
        std::printf(
            "[          ] %-20s %2d Newton steps, max relative difference: %.2g to scikit-learn, %.2g to the "
            "polished optimum\n",
            c.name.c_str(), probe.iterations(), worstSk, worstPolished);
    }
}

TEST(LinearProbe, DeterministicAndSavesExactly) {
    const Case c = cases().front();
    const LinearProbe a = LinearProbe::fit(c.x.data(), c.n, c.dim, c.y, c.parameters);
    const LinearProbe b = LinearProbe::fit(c.x.data(), c.n, c.dim, c.y, c.parameters);
    EXPECT_EQ(a.coefficients(), b.coefficients());
    EXPECT_EQ(a.intercept(), b.intercept());
    winnow::test::TempDir dir;
    LinearProbe tagged = a;
    tagged.setEmbedderIdentity(R"({"kind":"torchscript","name":"clip-vit-b32"})");
    tagged.save(dir.file("probe.json"));
    const LinearProbe loaded = LinearProbe::load(dir.file("probe.json"));
    EXPECT_EQ(loaded.coefficients(), a.coefficients());
    EXPECT_EQ(loaded.intercept(), a.intercept());
    EXPECT_EQ(loaded.embedderIdentity(), tagged.embedderIdentity());
    EXPECT_EQ(loaded.parameters().c, c.parameters.c);
    EXPECT_EQ(loaded.positives(), a.positives());
    EXPECT_EQ(loaded.score(c.queries.data()), a.score(c.queries.data()));
    EXPECT_THROW(LinearProbe::fromJson("{}"), winnow::Error);
    EXPECT_THROW(LinearProbe::fromJson("[1"), winnow::Error);
    EXPECT_THROW(LinearProbe::load(dir.file("absent.json")), winnow::Error);
}

TEST(LinearProbe, RejectsUnusableInput) {
    const std::vector<float> x = {0.f, 1.f, 2.f, 3.f};
    EXPECT_THROW(LinearProbe::fit(x.data(), 2, 2, {1, 1}), winnow::Error);  // one class only
    EXPECT_THROW(LinearProbe::fit(x.data(), 2, 2, {1, 2}), winnow::Error);
    EXPECT_THROW(LinearProbe::fit(x.data(), 2, 2, {1}), winnow::Error);
    EXPECT_THROW(LinearProbe::fit(x.data(), 0, 2, {}), winnow::Error);
    ProbeParameters bad;
    bad.c = 0;
    EXPECT_THROW(LinearProbe::fit(x.data(), 2, 2, {1, 0}, bad), winnow::Error);
    const std::vector<float> nan = {0.f, NAN, 2.f, 3.f};
    EXPECT_THROW(LinearProbe::fit(nan.data(), 2, 2, {1, 0}), winnow::Error);
    std::string message;
    try {
        LinearProbe::fit(x.data(), 2, 2, {0, 0});
    } catch (const winnow::Error& e) {
        message = e.what();
    }
    EXPECT_NE(message.find("at least one good and one bad"), std::string::npos);
}

TEST(LinearProbe, SampleWeightsActAsRepetition) {
    // Weight 2 on a row equals the row given twice (scikit-learn's sample_weight semantics).
    const Case c = cases().front();
    std::vector<float> x2 = c.x;
    std::vector<int> y2 = c.y;
    x2.insert(x2.end(), c.x.begin(), c.x.begin() + c.dim);
    y2.push_back(c.y[0]);
    std::vector<double> w(c.n, 1.0);
    w[0] = 2.0;
    const LinearProbe repeated = LinearProbe::fit(x2.data(), c.n + 1, c.dim, y2, c.parameters);
    const LinearProbe weighted = LinearProbe::fit(c.x.data(), c.n, c.dim, c.y, c.parameters, w);
    for (int k = 0; k < c.dim; ++k) {
        EXPECT_NEAR(weighted.coefficients()[k], repeated.coefficients()[k], 1e-9);
    }
}

TEST(LinearProbe, CancelStopsTheFit) {
    const Case c = cases().front();
    winnow::SimpleProgress progress;
    progress.cancel();
    EXPECT_THROW(LinearProbe::fit(c.x.data(), c.n, c.dim, c.y, c.parameters, {}, progress), winnow::Canceled);
}
