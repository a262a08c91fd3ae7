// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "curate/embedrun.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <future>
#include <thread>
#include <unordered_set>

#include "catalog/catalog.h"
#include "common/error.h"
#include "curate/decodebatch.h"
#include "curate/embedderfactory.h"
#include "curate/embeddingstore.h"
#include "imageio/image.h"

namespace winnow::curate {

namespace fs = std::filesystem;

namespace {

using Clock = std::chrono::steady_clock;

/// Evenly spread positions: floor(i * total / n) for i < n.
std::vector<std::int64_t> spread(const std::vector<std::int64_t>& ids, std::int64_t n) {
    const std::int64_t total = static_cast<std::int64_t>(ids.size());
    n = std::min(n, total);
    std::vector<std::int64_t> out;
    out.reserve(static_cast<std::size_t>(n));
    for (std::int64_t i = 0; i < n; ++i) out.push_back(ids[static_cast<std::size_t>(i * total / n)]);
    return out;
}

void addError(EmbedReport& report, const EmbedParams& params, std::int64_t id, const std::string& message) {
    ++report.failed;
    if (static_cast<int>(report.errors.size()) < params.maxReportedErrors) report.errors.push_back({id, message});
}

/// Fits a data-dependent embedder on a spread sample of the project's images.
void fitEmbedder(embed::Embedder& embedder, catalog::Catalog& catalog, int threads, Progress& progress,
                 EmbedReport& report) {
    catalog::SampleFilter ok;
    ok.status = catalog::SampleStatus::Ok;
    const auto ids = spread(catalog.sampleIds(ok), embedder.fitSampleSize());
    if (ids.empty()) throw Error("the project has no imported images to fit the '" + embedder.name() + "' embedder on");
    embedder.beginFit();
    const std::size_t batch = 512;
    for (std::size_t at = 0; at < ids.size(); at += batch) {
        if (progress.isCanceled()) throw Canceled();
        std::vector<std::int64_t> part(ids.begin() + at, ids.begin() + std::min(ids.size(), at + batch));
        DecodedBatch decoded = decodeBatch(catalog.samplesByIds(part), catalog.dataDir(), embedder.preferredMinSide(), threads);
        std::vector<imageio::Image> images;
        for (auto& im : decoded.images)
            if (!im.empty()) images.push_back(std::move(im));
        report.fitImages += static_cast<std::int64_t>(images.size());
        embedder.addFitImages(images);
        progress.report(static_cast<std::int64_t>(std::min(ids.size(), at + batch)), static_cast<std::int64_t>(ids.size()),
                        "fitting the " + embedder.name() + " embedder");
    }
    embedder.endFit(progress);
    report.fitted = true;
}

}  // namespace

EmbedReport embedProject(const std::string& projectPath, const EmbedParams& params, Progress& progress) {
    const auto start = Clock::now();
    EmbedReport report;
    catalog::Catalog catalog = catalog::Catalog::open(projectPath);
    const int threads =
        params.threads > 0 ? params.threads : std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
    const std::string dataDir = catalog.dataDir();

    // Resolve the embedder: a registered name, or a new one (registered now, fitted when it learns).
    std::unique_ptr<embed::Embedder> embedder;
    std::optional<catalog::EmbedderRecord> record = catalog.embedder(params.embedder);
    if (record) {
        embedder = createEmbedder(record->model.empty() ? record->name : record->model, params.device);
    } else {
        embedder = createEmbedder(params.embedder, params.device);
        record = catalog.embedder(embedder->name());
    }
    const std::string name = embedder->name();
    if (!isValidEmbedderName(name))
        throw Error("the embedder name '" + name + "' is not usable (1-64 characters of A-Z a-z 0-9 . _ -)");
    if (record) {
        if (!record->state.empty()) embedder->loadState(dataDir + "/" + record->state);
        if (embedder->identityJson() != record->identityJson)
            throw Error("the project's embedder '" + name + "' was registered from a different model or state (" +
                        record->identityJson + "); remove it first with `winnow-cli embeddings remove PROJECT " + name +
                        "` to embed again with this one");
    } else {
        catalog::EmbedderRecord r;
        r.name = name;
        if (embedder->needsFit()) {
            fitEmbedder(*embedder, catalog, threads, progress, report);
            r.state = "embedders/" + name + ".state";
            fs::create_directories(dataDir + "/embedders");
            embedder->saveState(dataDir + "/" + r.state);
        }
        r.identityJson = embedder->identityJson();
        r.dim = embedder->dim();
        r.normalized = embedder->normalized();
        if (params.embedder != "builtin") r.model = fs::absolute(params.embedder).lexically_normal().string();
        r.id = catalog.addEmbedder(r);
        record = r;
        report.registered = true;
    }
    report.embedder = name;
    report.dim = record->dim;
    report.normalized = record->normalized;
    report.device = params.device;

    // What is left to embed, per dataset.
    std::vector<catalog::Dataset> datasets;
    if (params.datasetId) {
        auto d = catalog.dataset(*params.datasetId);
        if (!d) throw Error("no dataset with id " + std::to_string(*params.datasetId));
        datasets.push_back(*d);
    } else {
        datasets = catalog.datasets();
    }
    struct Work {
        catalog::Dataset dataset;
        std::vector<std::int64_t> todo;
    };
    std::vector<Work> work;
    std::int64_t total = 0;
    for (const auto& d : datasets) {
        catalog::SampleFilter f;
        f.datasetId = d.id;
        f.status = catalog::SampleStatus::Ok;
        auto ids = catalog.sampleIds(f);
        std::unordered_set<std::int64_t> done;
        if (auto rec = catalog.embedding(d.id, record->id)) {
            EmbeddingWriter probe(catalog, d.id, *record);  // also truncates what a killed run left
            done.insert(probe.committedIds().begin(), probe.committedIds().end());
        }
        Work w{d, {}};
        for (auto id : ids) {
            if (done.count(id))
                ++report.skipped;
            else
                w.todo.push_back(id);
        }
        total += static_cast<std::int64_t>(w.todo.size());
        work.push_back(std::move(w));
    }

    const std::size_t batch = static_cast<std::size_t>(params.batchSize > 0 ? params.batchSize : std::max(1, embedder->batchSize()));
    const int minSide = embedder->preferredMinSide();
    const int dim = record->dim;
    std::int64_t done = 0;
    const auto embedStart = Clock::now();
    for (auto& w : work) {
        if (w.todo.empty()) continue;
        EmbeddingWriter writer(catalog, w.dataset.id, *record);
        const std::string stage = "embedding " + w.dataset.name + " with " + name;
        auto fetch = [&](std::size_t at) {
            std::vector<std::int64_t> part(w.todo.begin() + at, w.todo.begin() + std::min(w.todo.size(), at + batch));
            std::vector<catalog::Sample> samples = catalog.samplesByIds(part);
            return std::async(std::launch::async, decodeBatch, std::move(samples), dataDir, minSide, threads);
        };
        std::future<DecodedBatch> pending = fetch(0);
        std::vector<float> out;
        for (std::size_t at = 0; at < w.todo.size(); at += batch) {
            DecodedBatch decoded = pending.get();
            if (at + batch < w.todo.size()) pending = fetch(at + batch);  // decode ahead while embedding
            std::vector<imageio::Image> images;
            std::vector<std::int64_t> ids;
            for (std::size_t i = 0; i < decoded.samples.size(); ++i) {
                if (decoded.images[i].empty()) {
                    addError(report, params, decoded.samples[i].id, decoded.errors[i]);
                    continue;
                }
                images.push_back(std::move(decoded.images[i]));
                ids.push_back(decoded.samples[i].id);
            }
            if (!images.empty()) {
                out.assign(images.size() * std::size_t(dim), 0.f);
                embedder->embed(images, out.data());
                writer.append(ids.data(), out.data(), ids.size());
                report.embedded += static_cast<std::int64_t>(ids.size());
            }
            done += static_cast<std::int64_t>(decoded.samples.size());
            if (writer.pendingRows() >= params.commitRows) writer.commit();
            progress.report(done, total, stage);
            if (progress.isCanceled()) {
                if (pending.valid()) pending.wait();
                writer.commit();
                report.canceled = true;
                break;
            }
        }
        writer.commit();
        if (report.canceled) break;
    }
    report.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    const double embedSeconds = std::chrono::duration<double>(Clock::now() - embedStart).count();
    report.imagesPerSecond = embedSeconds > 0 ? report.embedded / embedSeconds : 0;
    return report;
}

}  // namespace winnow::curate
