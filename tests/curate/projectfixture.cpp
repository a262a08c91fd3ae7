// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "projectfixture.h"

#include <filesystem>
#include <random>

#include "curate/embeddingstore.h"
#include "fixtures.h"
#include "ingest/ingest.h"

namespace winnow::test {

namespace fs = std::filesystem;

PhotoProject::PhotoProject(int count, int copies) {
    const fs::path src = dir.path() / "photos";
    for (const char* label : {"a", "b", "c"}) fs::create_directories(src / label);
    const char* labels[] = {"a", "b", "c"};
    for (int i = 0; i < count - copies; ++i) {
        char name[32];
        std::snprintf(name, sizeof name, "img%03d.jpg", i);
        writePhoto(src / labels[i % 3] / name, 64 + i % 5, 48 + i % 7, i);
    }
    for (int i = 0; i < copies; ++i) {
        char from[32], to[32];
        std::snprintf(from, sizeof from, "img%03d.jpg", i);
        std::snprintf(to, sizeof to, "copy%03d.jpg", i);
        fs::copy_file(src / labels[i % 3] / from, src / labels[i % 3] / to);
    }
    path = (dir.path() / "p.winnow").string();
    catalog::Catalog::create(path);
    ingest::IngestParams params;
    params.dataset = "photos";
    params.threads = 2;
    ingest::ingest(path, src.string(), params);
    auto cat = catalog::Catalog::open(path, catalog::Catalog::Mode::ReadOnly);
    ids = cat.sampleIds();
}

void PhotoProject::importVectors(const std::string& name, const select::Matrix& X, bool normalized) const {
    auto cat = catalog::Catalog::open(path);
    catalog::EmbedderRecord rec;
    rec.name = name;
    rec.dim = X.cols;
    rec.normalized = normalized;
    rec.identityJson = "{\"kind\":\"test\"}";
    rec.id = cat.addEmbedder(rec);
    const auto samples = cat.samplesByIds(ids);
    curate::EmbeddingWriter writer(cat, samples.front().datasetId, rec);
    writer.append(ids.data(), X.data.data(), ids.size());
    writer.commit();
}

select::Matrix gaussian(std::int64_t rows, int cols, std::uint64_t seed) {
    std::mt19937_64 rng(seed);
    std::normal_distribution<float> normal(0.f, 1.f);
    select::Matrix X;
    X.rows = rows;
    X.cols = cols;
    X.data.resize(static_cast<std::size_t>(rows) * cols);
    for (auto& v : X.data) v = normal(rng);
    return X;
}

}  // namespace winnow::test
