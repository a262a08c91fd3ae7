// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Layouts and k-NN graphs cached in the project (curate/layouts.h): a cached layout is the computed one, new
// embeddings or a removed embedder invalidate it, a larger cached graph serves a smaller k exactly as a
// fresh graph would, cancellation caches nothing, and everything is deterministic for a seed.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "catalog/catalog.h"
#include "common/error.h"
#include "curate/embeddingstore.h"
#include "curate/layouts.h"
#include "curate/scores.h"
#include "index/knngraph.h"
#include "projectfixture.h"
#include "select/typicality.h"

namespace winnow::test {
namespace {

namespace fs = std::filesystem;

constexpr int kRows = 30;

curate::LayoutRequest request(const std::string& method, const std::vector<std::string>& params) {
    curate::LayoutRequest r;
    r.embedder = "ext";
    r.method = method;
    r.params = curate::MethodParams::fromPairs(params);
    return r;
}

curate::LayoutRequest fastUmap(const std::string& seed = "7") {
    return request("umap", {"k=6", "epochs=30", "seed=" + seed});
}

/// One shared project (ingesting JPEGs is the slow part): 30 samples with 8-D Gaussian vectors as "ext".
struct Project {
    PhotoProject photos{kRows, 0};
    select::Matrix X = gaussian(kRows, 8, 11);
    Project() { photos.importVectors("ext", X); }
};

std::size_t artifactCount(const catalog::Catalog& cat, const std::string& kind) { return cat.artifacts(kind).size(); }

TEST(Layouts, CachedLayoutEqualsTheComputedOne) {
    Project p;
    auto cat = catalog::Catalog::open(p.photos.path);
    for (const std::string method : {"umap", "pca", "tsne"}) {
        const auto req = method == "umap" ? fastUmap()
                         : method == "tsne" ? request("tsne", {"perplexity=5", "iterations=60"})
                                            : request("pca", {});
        const curate::Layout first = curate::computeLayout(cat, req);
        EXPECT_FALSE(first.cached) << method;
        ASSERT_EQ(first.xy.rows, kRows);
        ASSERT_EQ(first.xy.cols, 2);
        EXPECT_EQ(first.ids, p.photos.ids);
        EXPECT_GT(first.created, 0);
        const curate::Layout again = curate::computeLayout(cat, req);
        EXPECT_TRUE(again.cached) << method;
        EXPECT_EQ(again.seconds, 0);
        EXPECT_EQ(again.key, first.key);
        EXPECT_EQ(again.params, first.params);
        EXPECT_EQ(again.ids, first.ids);
        EXPECT_EQ(again.xy.data, first.xy.data) << method;
        EXPECT_EQ(again.info, first.info) << method;
        // --recompute ignores the cache and gives the same coordinates (deterministic).
        auto re = req;
        re.recompute = true;
        const curate::Layout recomputed = curate::computeLayout(cat, re);
        EXPECT_FALSE(recomputed.cached);
        EXPECT_EQ(recomputed.xy.data, first.xy.data) << method;
    }
    EXPECT_EQ(artifactCount(cat, "layout"), 3u);
    // The UMAP graph (5 neighbours) was replaced by t-SNE's larger one (15): one graph per embeddings.
    EXPECT_EQ(artifactCount(cat, "knn"), 1u);
    const auto umap = curate::computeLayout(cat, fastUmap());
    EXPECT_TRUE(umap.cached);

    const auto list = curate::cachedLayouts(cat);
    ASSERT_EQ(list.size(), 3u);
    for (const auto& s : list) {
        EXPECT_EQ(s.embedder, "ext");
        EXPECT_EQ(s.rows, kRows);
        EXPECT_TRUE(s.current);
        EXPECT_GT(s.artifactId, 0);
    }
    // A summary's canonical parameters ask for the same layout again (what the GUI does on opening a project).
    for (const auto& s : list) {
        curate::LayoutRequest again;
        again.embedder = s.embedder;
        again.method = s.method;
        again.params = curate::MethodParams::fromJson(s.params);
        const auto l = curate::computeLayout(cat, again);
        EXPECT_TRUE(l.cached) << s.method;
        EXPECT_EQ(l.key, s.key);
    }
    // Defaults are filled in: the canonical parameters name every key.
    const auto u = std::find_if(list.begin(), list.end(), [](const auto& s) { return s.method == "umap"; });
    ASSERT_NE(u, list.end());
    EXPECT_EQ(u->params["k"], 6);
    EXPECT_EQ(u->params["init"], "spectral");
    EXPECT_DOUBLE_EQ(u->params["min_dist"].get<double>(), 0.1);
    EXPECT_EQ(u->params.size(), curate::findLayoutMethod("umap")->params.size());
}

TEST(Layouts, NewEmbeddingsAndRemovedEmbedderInvalidateTheCache) {
    PhotoProject photos(kRows, 0);
    const auto X = gaussian(kRows, 6, 3);
    auto cat = catalog::Catalog::open(photos.path);
    catalog::EmbedderRecord rec;
    rec.name = "ext";
    rec.dim = X.cols;
    rec.identityJson = "{\"kind\":\"test\"}";
    rec.id = cat.addEmbedder(rec);
    const std::int64_t ds = cat.samplesByIds({photos.ids[0]}).front().datasetId;
    {
        curate::EmbeddingWriter w(cat, ds, rec);
        w.append(photos.ids.data(), X.data.data(), 20);
        w.commit();
    }
    const auto first = curate::computeLayout(cat, fastUmap());
    EXPECT_EQ(first.xy.rows, 20);
    EXPECT_TRUE(curate::computeLayout(cat, fastUmap()).cached);
    {
        curate::EmbeddingWriter w(cat, ds, rec);
        w.append(photos.ids.data() + 20, X.row(20), kRows - 20);
        w.commit();
    }
    ASSERT_TRUE(curate::cachedLayouts(cat).size() == 1u);
    EXPECT_FALSE(curate::cachedLayouts(cat)[0].current);  // stale now
    const auto second = curate::computeLayout(cat, fastUmap());
    EXPECT_FALSE(second.cached);
    EXPECT_EQ(second.xy.rows, kRows);
    EXPECT_NE(second.key, first.key);
    // The stale layout and graph of the same recipe were replaced, not kept beside the new ones.
    ASSERT_EQ(artifactCount(cat, "layout"), 1u);
    ASSERT_EQ(artifactCount(cat, "knn"), 1u);
    EXPECT_TRUE(curate::cachedLayouts(cat)[0].current);
    const std::string data = cat.dataDir();
    std::size_t files = 0;
    for (const auto& e : fs::recursive_directory_iterator(data + "/layouts")) files += e.is_regular_file();
    EXPECT_EQ(files, 1u);
    files = 0;
    for (const auto& e : fs::recursive_directory_iterator(data + "/graphs")) files += e.is_regular_file();
    EXPECT_EQ(files, 1u);

    curate::removeEmbedder(cat, "ext");
    EXPECT_EQ(artifactCount(cat, "layout"), 0u);
    EXPECT_EQ(artifactCount(cat, "knn"), 0u);
    EXPECT_TRUE(curate::cachedLayouts(cat).empty());
    EXPECT_FALSE(fs::exists(data + "/layouts/ext"));
    EXPECT_FALSE(fs::exists(data + "/graphs/ext"));
    // Registered again with other vectors: computed afresh.
    photos.importVectors("ext", gaussian(kRows, 6, 4));
    const auto third = curate::computeLayout(cat, fastUmap());
    EXPECT_FALSE(third.cached);
    EXPECT_NE(third.key, second.key);
}

TEST(Layouts, ALargerCachedGraphServesASmallerK) {
    Project p;
    auto cat = catalog::Catalog::open(p.photos.path);
    nlohmann::json info;
    std::vector<std::int64_t> ids;
    const auto big = curate::knnGraphFor(cat, "ext", 12, &ids, &info);
    EXPECT_EQ(ids, p.photos.ids);
    EXPECT_EQ(big.k, 12);
    EXPECT_EQ(info["knn_cached"], false);
    EXPECT_EQ(info["knn"], "exact");
    const auto small = curate::knnGraphFor(cat, "ext", 4, nullptr, &info);
    EXPECT_EQ(info["knn_cached"], true);
    const auto fresh = index::knnGraph(p.X, 4);
    EXPECT_EQ(small.n, fresh.n);
    EXPECT_EQ(small.k, 4);
    EXPECT_EQ(small.ids, fresh.ids);
    EXPECT_EQ(small.dist, fresh.dist);
    EXPECT_EQ(artifactCount(cat, "knn"), 1u);
    // A larger k than cached is computed and replaces the smaller graph (and its file).
    const auto bigger = curate::knnGraphFor(cat, "ext", 20, nullptr, &info);
    EXPECT_EQ(info["knn_cached"], false);
    const auto freshBig = index::knnGraph(p.X, 20);
    EXPECT_EQ(bigger.ids, freshBig.ids);
    EXPECT_EQ(artifactCount(cat, "knn"), 1u);
    std::size_t files = 0;
    for (const auto& e : fs::recursive_directory_iterator(cat.dataDir() + "/graphs")) files += e.is_regular_file();
    EXPECT_EQ(files, 1u);
    // k out of range.
    EXPECT_THROW(curate::knnGraphFor(cat, "ext", kRows), Error);
    EXPECT_THROW(curate::knnGraphFor(cat, "ext", 0), Error);
}

TEST(Layouts, CachedGraphFollowsTheTablesRowOrder) {
    Project p;
    auto cat = catalog::Catalog::open(p.photos.path);
    curate::knnGraphFor(cat, "ext", 5);
    // The same samples and vectors in reverse order: the same fingerprint, the graph renumbered.
    curate::EmbeddingTable all = curate::loadEmbeddings(cat, "ext");
    std::vector<std::int64_t> reversed(all.ids.rbegin(), all.ids.rend());
    const curate::EmbeddingTable rev = curate::loadEmbeddings(cat, "ext", reversed);
    EXPECT_EQ(curate::embeddingFingerprint(cat, rev), curate::embeddingFingerprint(cat, all));
    nlohmann::json info;
    const auto g = curate::cachedKnnGraph(cat, rev, 3, &info);
    ASSERT_TRUE(g.has_value());
    EXPECT_EQ(info["knn_cached"], true);
    const auto fresh = index::knnGraph(rev.X, 3);
    EXPECT_EQ(g->dist, fresh.dist);
    EXPECT_EQ(g->ids, fresh.ids);
    // A subset of the samples is other embeddings: no cached graph.
    const curate::EmbeddingTable some =
        curate::loadEmbeddings(cat, "ext", std::vector<std::int64_t>(all.ids.begin(), all.ids.begin() + 20));
    EXPECT_FALSE(curate::cachedKnnGraph(cat, some, 3).has_value());
    EXPECT_NE(curate::embeddingFingerprint(cat, some), curate::embeddingFingerprint(cat, all));
}

TEST(Layouts, StoredOrderOtherThanAscendingIds) {
    // Vectors written in descending sample id: loadEmbeddings() gives that order, the cache stores ascending.
    PhotoProject photos(kRows, 0);
    const auto X = gaussian(kRows, 5, 21);
    auto cat = catalog::Catalog::open(photos.path);
    catalog::EmbedderRecord rec;
    rec.name = "ext";
    rec.dim = X.cols;
    rec.identityJson = "{}";
    rec.id = cat.addEmbedder(rec);
    std::vector<std::int64_t> ids(photos.ids.rbegin(), photos.ids.rend());
    {
        curate::EmbeddingWriter w(cat, cat.samplesByIds({ids[0]}).front().datasetId, rec);
        w.append(ids.data(), X.data.data(), ids.size());
        w.commit();
    }
    const auto table = curate::loadEmbeddings(cat, "ext");
    ASSERT_EQ(table.ids, ids);
    const auto fresh = index::knnGraph(table.X, 6);
    nlohmann::json info;
    const auto computed = curate::knnGraphFor(cat, "ext", 6, nullptr, &info);
    EXPECT_EQ(info["knn_cached"], false);
    EXPECT_EQ(computed.ids, fresh.ids);
    const auto cached = curate::knnGraphFor(cat, "ext", 6, nullptr, &info);
    EXPECT_EQ(info["knn_cached"], true);
    EXPECT_EQ(cached.dist, fresh.dist);
    EXPECT_EQ(cached.ids, fresh.ids);
    const auto layout = curate::computeLayout(cat, fastUmap());
    EXPECT_EQ(layout.ids, ids);
    EXPECT_TRUE(curate::computeLayout(cat, fastUmap()).cached);
}

TEST(Layouts, ScoresUseTheCachedGraph) {
    Project p;
    auto cat = catalog::Catalog::open(p.photos.path);
    curate::MethodParams params = curate::MethodParams::fromPairs({"k=4"});
    curate::computeScores(cat, "typicality", "ext", params);
    EXPECT_EQ(artifactCount(cat, "knn"), 1u);
    const auto stored = cat.scores("typicality:ext:k4", p.photos.ids);
    const auto exact = select::typicality(p.X, 4);
    for (int i = 0; i < kRows; ++i) EXPECT_NEAR(stored[i], exact[i], 1e-5 * exact[i]) << i;
}

TEST(Layouts, CsvHasOneRowPerSample) {
    Project p;
    auto cat = catalog::Catalog::open(p.photos.path);
    const auto layout = curate::computeLayout(cat, request("pca", {}));
    const std::string file = p.photos.dir.file("map.csv");
    curate::writeLayoutCsv(layout, file);
    std::ifstream in(file);
    std::string line;
    ASSERT_TRUE(std::getline(in, line));
    EXPECT_EQ(line, "sample_id,x,y");
    int rows = 0;
    while (std::getline(in, line)) {
        std::istringstream fields(line);
        std::string id, x, y;
        ASSERT_TRUE(std::getline(fields, id, ','));
        ASSERT_TRUE(std::getline(fields, x, ','));
        ASSERT_TRUE(std::getline(fields, y));
        ASSERT_LT(rows, kRows);
        EXPECT_EQ(std::stoll(id), layout.ids[rows]);
        EXPECT_EQ(std::stof(x), layout.xy.row(rows)[0]);  // 9 significant digits read back exactly
        EXPECT_EQ(std::stof(y), layout.xy.row(rows)[1]);
        ++rows;
    }
    EXPECT_EQ(rows, kRows);
    EXPECT_THROW(curate::writeLayoutCsv(layout, p.photos.dir.file("no/such/dir/map.csv")), Error);
}

/// Cancels once the layout's optimisation has started (after the k-NN graph was built).
class CancelDuringOptimisation : public Progress {
public:
    bool isCanceled() const override { return m_cancel; }
    void report(std::int64_t, std::int64_t, std::string_view stage) override {
        if (stage.find("optimising") != std::string_view::npos && ++m_seen > 3) m_cancel = true;
    }

private:
    bool m_cancel = false;
    int m_seen = 0;
};

TEST(Layouts, CancellationCachesNothing) {
    Project p;
    auto cat = catalog::Catalog::open(p.photos.path);
    for (const auto& req : {request("umap", {"k=6", "epochs=50"}), request("tsne", {"perplexity=5", "iterations=50"})}) {
        CancelDuringOptimisation progress;
        EXPECT_THROW(curate::computeLayout(cat, req, progress), Canceled) << req.method;
        EXPECT_TRUE(progress.isCanceled());
    }
    SimpleProgress canceled;
    canceled.cancel();
    EXPECT_THROW(curate::computeLayout(cat, request("pca", {}), canceled), Canceled);
    EXPECT_THROW(curate::knnGraphFor(cat, "ext", 5, nullptr, nullptr, canceled), Canceled);
    EXPECT_TRUE(cat.artifacts().empty());
    for (const char* dir : {"/graphs", "/layouts"})
        if (fs::exists(cat.dataDir() + dir))
            for (const auto& e : fs::recursive_directory_iterator(cat.dataDir() + dir))
                EXPECT_FALSE(e.is_regular_file()) << e.path();
    // Afterwards it computes normally.
    EXPECT_FALSE(curate::computeLayout(cat, fastUmap()).cached);
}

TEST(Layouts, ClearErrors) {
    Project p;
    auto cat = catalog::Catalog::open(p.photos.path);
    auto message = [&](const curate::LayoutRequest& r) {
        try {
            curate::computeLayout(cat, r);
        } catch (const Error& e) {
            return std::string(e.what());
        }
        return std::string("no error");
    };
    EXPECT_NE(message(request("mds", {})).find("unknown layout method 'mds'"), std::string::npos);
    EXPECT_NE(message(request("umap", {"perplexity=5"})).find("perplexity"), std::string::npos);
    EXPECT_NE(message(request("pca", {"seed=1"})).find("seed"), std::string::npos);
    EXPECT_NE(message(request("umap", {"init=random"})).find("init"), std::string::npos);
    EXPECT_NE(message(request("umap", {"k=1"})).find("k"), std::string::npos);
    EXPECT_NE(message(request("umap", {"min_dist=x"})).find("number"), std::string::npos);
    EXPECT_NE(message(request("tsne", {"perplexity=40"})).find("less than the number of samples"), std::string::npos);
    EXPECT_NE(message(request("tsne", {"seed=-1"})).find("seed"), std::string::npos);
    auto other = request("pca", {});
    other.embedder = "nope";
    EXPECT_NE(message(other).find("nope"), std::string::npos);
    EXPECT_TRUE(cat.artifacts().empty());
}

TEST(Layouts, DeterministicForASeed) {
    Project p;
    auto cat = catalog::Catalog::open(p.photos.path);
    for (const std::string method : {"umap", "tsne"}) {
        auto a = method == "umap" ? fastUmap("1") : request("tsne", {"perplexity=5", "iterations=60", "seed=1"});
        a.recompute = true;
        const auto first = curate::computeLayout(cat, a);
        const auto second = curate::computeLayout(cat, a);
        EXPECT_EQ(first.xy.data, second.xy.data) << method;
        EXPECT_EQ(first.key, second.key);
        auto b = method == "umap" ? fastUmap("2")
                                  : request("tsne", {"perplexity=5", "iterations=60", "seed=2", "init=random"});
        const auto other = curate::computeLayout(cat, b);
        EXPECT_NE(other.xy.data, first.xy.data) << method;
        EXPECT_NE(other.key, first.key);
    }
    // Parameter spelling does not change the key: defaults given explicitly are the same layout.
    const auto plain = curate::computeLayout(cat, fastUmap("1"));
    EXPECT_TRUE(plain.cached);
    const auto spelled =
        curate::computeLayout(cat, request("umap", {"k=6", "epochs=30", "seed=1", "min_dist=0.1", "init=spectral"}));
    EXPECT_TRUE(spelled.cached);
    EXPECT_EQ(spelled.key, plain.key);
}

TEST(Layouts, MethodsDescribeTheirParameters) {
    std::vector<std::string> names;
    for (const auto& m : curate::layoutMethods()) names.push_back(m.name);
    EXPECT_EQ(names, (std::vector<std::string>{"umap", "tsne", "pca"}));
    EXPECT_EQ(curate::findLayoutMethod("pca")->params.size(), 0u);
    EXPECT_EQ(curate::findLayoutMethod("mds"), nullptr);
    for (const auto& m : curate::layoutMethods()) {
        EXPECT_FALSE(m.summary.empty());
        for (const auto& prm : m.params) EXPECT_FALSE(prm.help.empty()) << m.name << " " << prm.key;
    }
}

}  // namespace
}  // namespace winnow::test
