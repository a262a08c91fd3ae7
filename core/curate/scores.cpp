// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "curate/scores.h"

#include <algorithm>
#include <chrono>
#include <unordered_map>

#include "common/error.h"
#include "curate/embeddingstore.h"
#include "curate/layouts.h"
#include "curate/modelscorer.h"
#include "index/graphscores.h"
#include "score/linearprobe.h"
#include "select/outliers.h"
#include "select/typicality.h"

namespace winnow::curate {

const std::vector<std::pair<std::string, std::string>>& scoreKinds() {
    static const std::vector<std::pair<std::string, std::string>> list = {
        {"typicality", "1 / (mean distance to the k nearest neighbours + 1e-5): high in dense regions (k, default 20)"},
        {"outlier", "mean distance to the k nearest neighbours: high for isolated samples (k, default 20)"},
        {"exact-group-size", "how many imported samples share the sample's SHA-512 (1 = unique)"},
        {"probe", "a linear probe (L2-regularised logistic regression) trained on the embeddings of samples tagged "
                  "good (tag `good`, default \"good\") and bad (tag `bad`, default \"bad\"): the probability of good "
                  "for every sample (c, default 1: inverse regularisation strength)"},
        {"model", "a TorchScript scorer model (sidecar kind \"scorer\", e.g. an aesthetic predictor) run on every "
                  "imported image (model: the .pt or its sidecar .json; device, default auto; batch, default the "
                  "sidecar's)"},
    };
    return list;
}

ScoreReport computeScores(catalog::Catalog& catalog, const std::string& kind, const std::string& embedder,
                          MethodParams& params, Progress& progress) {
    const auto start = std::chrono::steady_clock::now();
    ScoreReport report;
    if (kind == "exact-group-size") {
        params.checkAllUsed("score " + kind);
        catalog::SampleFilter ok;
        ok.status = catalog::SampleStatus::Ok;
        const auto samples = catalog.samples(ok);
        std::unordered_map<std::string, std::int64_t> count;
        for (const auto& s : samples)
            if (!s.sha512.empty()) ++count[s.sha512];
        std::vector<std::int64_t> ids;
        std::vector<double> values;
        for (const auto& s : samples) {
            ids.push_back(s.id);
            values.push_back(s.sha512.empty() ? 1.0 : static_cast<double>(count[s.sha512]));
        }
        catalog.putScores(kind, ids, values);
        report.names.push_back(kind);
        report.samples = static_cast<std::int64_t>(ids.size());
    } else if (kind == "typicality" || kind == "outlier") {
        const std::int64_t k = params.integer("k", 20);
        params.checkAllUsed("score " + kind);
        if (k < 1) throw Error("parameter k must be at least 1");
        progress.report(-1, -1, "loading embeddings");
        const EmbeddingTable table = loadEmbeddings(catalog, embedder);
        if (table.X.rows < 2) throw Error("scores need at least two embedded samples");
        const int kk = static_cast<int>(std::min<std::int64_t>(k, table.X.rows - 1));
        // From the project's cached k-NN graph (built and cached on first use; curate/layouts.h).
        const select::KnnGraph graph = knnGraphFor(catalog, table, kk, nullptr, progress);
        progress.report(-1, -1, "computing " + kind);
        if (progress.isCanceled()) throw Canceled();
        const std::vector<double> values =
            kind == "typicality" ? index::typicalityFromGraph(graph, kk) : index::outlierScoresFromGraph(graph, kk);
        const std::string name = kind + ":" + embedder + ":k" + std::to_string(k);
        catalog.putScores(name, table.ids, values);
        report.names.push_back(name);
        report.samples = table.X.rows;
    } else if (kind == "probe") {
        const std::string good = params.text("good", "good"), bad = params.text("bad", "bad");
        score::ProbeParameters pp;
        pp.c = params.number("c", 1.0);
        pp.balanced = params.flag("balanced", false);
        params.checkAllUsed("score " + kind);
        if (pp.c <= 0) throw Error("parameter c must be positive");
        auto tagged = [&](const std::string& tag) {
            catalog::SampleFilter f;
            f.tag = tag;
            f.status = catalog::SampleStatus::Ok;
            return catalog.sampleIds(f);
        };
        const auto goodIds = tagged(good), badIds = tagged(bad);
        if (goodIds.empty() || badIds.empty())
            throw Error("a probe needs samples tagged '" + good + "' and samples tagged '" + bad + "' (it found " +
                        std::to_string(goodIds.size()) + " and " + std::to_string(badIds.size()) + ")");
        std::vector<std::int64_t> trainIds = goodIds;
        trainIds.insert(trainIds.end(), badIds.begin(), badIds.end());
        std::vector<std::int64_t> missing;
        const EmbeddingTable train = loadEmbeddings(catalog, embedder, trainIds, &missing);
        if (!missing.empty())
            throw Error(std::to_string(missing.size()) + " tagged samples have no '" + embedder + "' embedding");
        std::vector<int> labels(goodIds.size(), 1);
        labels.resize(trainIds.size(), 0);
        progress.report(-1, -1, "training the probe");
        const score::LinearProbe probe =
            score::LinearProbe::fit(train.X.data.data(), static_cast<std::size_t>(train.X.rows), train.X.cols, labels, pp,
                                    {}, progress);
        progress.report(-1, -1, "scoring");
        const EmbeddingTable all = loadEmbeddings(catalog, embedder);
        std::vector<float> out(static_cast<std::size_t>(all.X.rows));
        probe.score(all.X.data.data(), out.size(), out.data());
        const std::string name = "probe:" + embedder + ":" + good + "-vs-" + bad;
        catalog.putScores(name, all.ids, std::vector<double>(out.begin(), out.end()));
        report.names.push_back(name);
        report.samples = all.X.rows;
    } else if (kind == "model") {
        report = computeModelScores(catalog, params, progress);  // core/curate/modelscorer.cpp
    } else {
        std::string names;
        for (const auto& [n, help] : scoreKinds()) names += (names.empty() ? "" : ", ") + n;
        throw Error("unknown score '" + kind + "' (available: " + names + ")");
    }
    report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return report;
}

}  // namespace winnow::curate
