// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "curate/modelscorer.h"

#include <algorithm>
#include <chrono>
#include <future>
#include <thread>

#include "common/error.h"
#include "curate/decodebatch.h"
#include "curate/embedderfactory.h"

namespace winnow::curate {

ModelScoreParams ModelScoreParams::fromParams(MethodParams& params) {
    ModelScoreParams p;
    p.model = params.text("model", "");
    p.device = params.text("device", "auto");
    const std::int64_t batch = params.integer("batch", 0);
    const std::int64_t threads = params.integer("threads", 0);
    if (p.model.empty()) throw Error("the model score needs the scorer: --param model=FILE.pt (or its sidecar .json)");
    if (p.device != "auto" && p.device != "cpu" && p.device != "cuda")
        throw Error("parameter device must be auto, cpu or cuda, not '" + p.device + "'");
    if (batch < 0 || batch > 4096) throw Error("parameter batch must be between 0 and 4096");
    if (threads < 0 || threads > 1024) throw Error("parameter threads must be between 0 and 1024");
    p.batchSize = static_cast<int>(batch);
    p.threads = static_cast<int>(threads);
    return p;
}

ScoreReport computeModelScores(catalog::Catalog& catalog, MethodParams& params, Progress& progress) {
    const ModelScoreParams p = ModelScoreParams::fromParams(params);
    params.checkAllUsed("score model");
    return computeModelScores(catalog, p, progress);
}

ScoreReport computeModelScores(catalog::Catalog& catalog, const ModelScoreParams& params, Progress& progress) {
    const auto start = std::chrono::steady_clock::now();
    progress.report(-1, -1, "loading the model");
    std::unique_ptr<ImageScorer> scorer = createScorer(params.model, params.device, params.batchSize);
    const std::string name = "model:" + scorer->name();
    const int threads =
        params.threads > 0 ? params.threads : std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
    const int minSide = scorer->preferredMinSide();
    const std::size_t batch = static_cast<std::size_t>(std::max(1, scorer->batchSize()));
    const std::string dataDir = catalog.dataDir();

    catalog::SampleFilter ok;
    ok.status = catalog::SampleStatus::Ok;
    const std::vector<std::int64_t> todo = catalog.sampleIds(ok);
    if (todo.empty()) throw Error("the project has no imported images to score");

    // Decode the next batch on the pool while the model runs on this one (as embedProject does).
    auto fetch = [&](std::size_t at) {
        std::vector<std::int64_t> part(todo.begin() + static_cast<std::ptrdiff_t>(at),
                                       todo.begin() + static_cast<std::ptrdiff_t>(std::min(todo.size(), at + batch)));
        return std::async(std::launch::async, decodeBatch, catalog.samplesByIds(part), dataDir, minSide, threads);
    };
    std::vector<std::int64_t> ids;
    std::vector<double> values;
    ids.reserve(todo.size());
    values.reserve(todo.size());
    std::int64_t failed = 0;
    std::string firstError;
    std::vector<float> out;
    const std::string stage = "scoring with " + scorer->name();
    std::future<DecodedBatch> pending = fetch(0);
    for (std::size_t at = 0; at < todo.size(); at += batch) {
        DecodedBatch decoded = pending.get();
        if (at + batch < todo.size()) pending = fetch(at + batch);
        std::vector<imageio::Image> images;
        std::vector<std::int64_t> batchIds;
        for (std::size_t i = 0; i < decoded.samples.size(); ++i) {
            if (decoded.images[i].empty()) {
                if (failed++ == 0) firstError = "sample " + std::to_string(decoded.samples[i].id) + ": " + decoded.errors[i];
                continue;
            }
            images.push_back(std::move(decoded.images[i]));
            batchIds.push_back(decoded.samples[i].id);
        }
        if (!images.empty()) {
            out.assign(images.size(), 0.f);
            try {
                scorer->score(images, out.data());
            } catch (...) {
                if (pending.valid()) pending.wait();
                throw;
            }
            ids.insert(ids.end(), batchIds.begin(), batchIds.end());
            values.insert(values.end(), out.begin(), out.end());
        }
        progress.report(static_cast<std::int64_t>(std::min(todo.size(), at + batch)),
                        static_cast<std::int64_t>(todo.size()), stage);
        if (progress.isCanceled()) {
            if (pending.valid()) pending.wait();
            throw Canceled();
        }
    }
    if (ids.empty()) throw Error("no image could be read for scoring (" + std::to_string(failed) + " failed; " + firstError + ")");
    catalog.putScores(name, ids, values);
    ScoreReport report;
    report.names.push_back(name);
    report.samples = static_cast<std::int64_t>(ids.size());
    report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return report;
}

}  // namespace winnow::curate
