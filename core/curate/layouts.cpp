// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "curate/layouts.h"

#include <algorithm>
#include <chrono>
#include <cerrno>
#include <cinttypes>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <map>
#include <numeric>
#include <stdexcept>

#include "common/error.h"
#include "index/knngraph.h"
#include "map/layoutfile.h"
#include "map/pca.h"
#include "map/tsne.h"
#include "map/umap.h"

namespace winnow::curate {

namespace fs = std::filesystem;

namespace {

/// Cached layouts kept per embedder (the oldest beyond it are deleted with their files).
constexpr std::size_t kMaxLayoutsPerEmbedder = 12;

constexpr std::uint64_t kFnvOffset = 0xcbf29ce484222325ull;
constexpr std::uint64_t kFnvPrime = 0x100000001b3ull;

std::uint64_t hashBytes(std::uint64_t h, const void* data, std::size_t size) {
    const auto* p = static_cast<const unsigned char*>(data);
    for (std::size_t i = 0; i < size; ++i) h = (h ^ p[i]) * kFnvPrime;
    return h;
}

/// Words of 8 bytes at a time (the vectors are the bulk): FNV's step on the word, then a shift-xor so that
/// high bits reach the low ones.
std::uint64_t hashWords(std::uint64_t h, const void* data, std::size_t size) {
    const auto* p = static_cast<const unsigned char*>(data);
    std::size_t i = 0;
    for (; i + 8 <= size; i += 8) {
        std::uint64_t w;
        std::memcpy(&w, p + i, 8);
        h = (h ^ w) * kFnvPrime;
        h ^= h >> 32;
    }
    return hashBytes(h, p + i, size - i);
}

std::uint64_t hashText(std::uint64_t h, const std::string& s) {
    const std::uint64_t n = s.size();
    h = hashBytes(h, &n, sizeof n);
    return hashBytes(h, s.data(), s.size());
}

std::string hex16(std::uint64_t v) {
    char buffer[17];
    std::snprintf(buffer, sizeof buffer, "%016" PRIx64, v);
    return buffer;
}

/// Table rows in ascending sample id (stable on repeated ids): the order graphs are cached in.
std::vector<std::int64_t> canonicalOrder(const std::vector<std::int64_t>& ids) {
    std::vector<std::int64_t> order(ids.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](std::int64_t a, std::int64_t b) {
        return ids[static_cast<std::size_t>(a)] < ids[static_cast<std::size_t>(b)];
    });
    return order;
}

bool isIdentity(const std::vector<std::int64_t>& order) {
    for (std::size_t i = 0; i < order.size(); ++i)
        if (order[i] != static_cast<std::int64_t>(i)) return false;
    return true;
}

catalog::EmbedderRecord requireRecord(const catalog::Catalog& catalog, const std::string& embedder) {
    auto rec = catalog.embedder(embedder);
    if (!rec)
        throw Error("the project has no embedder '" + embedder + "'; run `winnow-cli embed PROJECT --embedder " +
                    embedder + "`");
    return *rec;
}

std::uint64_t fingerprintOf(const catalog::EmbedderRecord& rec, const std::vector<std::int64_t>& ids,
                            const select::Matrix& X, const std::vector<std::int64_t>& order) {
    std::uint64_t h = hashText(kFnvOffset, "winnow-embeddings-1");
    h = hashText(h, rec.name);
    h = hashText(h, rec.identityJson);
    const std::int64_t shape[2] = {X.rows, X.cols};
    h = hashBytes(h, shape, sizeof shape);
    const std::size_t rowBytes = static_cast<std::size_t>(X.cols) * sizeof(float);
    for (std::int64_t r : order) {
        const std::int64_t id = ids[static_cast<std::size_t>(r)];
        h = hashBytes(h, &id, sizeof id);
        h = hashWords(h, X.row(r), rowBytes);
    }
    return h;
}

/// The loaded embeddings (row i of X is sample ids[i]) with what caches need to know about them.
struct Loaded {
    catalog::EmbedderRecord record;
    const select::Matrix* X = nullptr;
    std::vector<std::int64_t> order;  // canonical row c is row order[c]
    bool identityOrder = true;
    std::uint64_t fingerprint = 0;
};

Loaded describe(const catalog::Catalog& catalog, const std::string& embedder, const std::vector<std::int64_t>& ids,
                const select::Matrix& X) {
    if (static_cast<std::int64_t>(ids.size()) != X.rows) throw std::invalid_argument("embeddings: ids and rows differ");
    Loaded l;
    l.record = requireRecord(catalog, embedder);
    l.X = &X;
    l.order = canonicalOrder(ids);
    l.identityOrder = isIdentity(l.order);
    l.fingerprint = fingerprintOf(l.record, ids, X, l.order);
    return l;
}

Loaded describe(const catalog::Catalog& catalog, const EmbeddingTable& table) {
    return describe(catalog, table.embedder, table.ids, table.X);
}

std::string graphKey(std::uint64_t fingerprint) {
    return nlohmann::json{{"graph", "knn"}, {"metric", "l2"}, {"embeddings", hex16(fingerprint)}, {"version", 1}}
        .dump();
}

/// The first k neighbours of every row.
select::KnnGraph truncate(select::KnnGraph g, int k) {
    if (k == g.k) return g;
    select::KnnGraph out;
    out.n = g.n;
    out.k = k;
    out.exact = g.exact;
    out.recall = g.recall;
    out.ids.resize(static_cast<std::size_t>(g.n) * k);
    out.dist.resize(out.ids.size());
    for (std::int64_t i = 0; i < g.n; ++i) {
        std::copy_n(g.neighbours(i), k, out.ids.data() + i * k);
        std::copy_n(g.distances(i), k, out.dist.data() + i * k);
    }
    return out;
}

/// g over rows A renumbered to rows B, where aToB[a] is the B row of A row a (a permutation).
select::KnnGraph renumber(const select::KnnGraph& g, const std::vector<std::int64_t>& aToB) {
    select::KnnGraph out;
    out.n = g.n;
    out.k = g.k;
    out.exact = g.exact;
    out.recall = g.recall;
    out.ids.resize(g.ids.size());
    out.dist.resize(g.dist.size());
    for (std::int64_t a = 0; a < g.n; ++a) {
        const std::int64_t b = aToB[static_cast<std::size_t>(a)];
        for (int j = 0; j < g.k; ++j) {
            out.ids[static_cast<std::size_t>(b * g.k + j)] = aToB[static_cast<std::size_t>(g.neighbours(a)[j])];
            out.dist[static_cast<std::size_t>(b * g.k + j)] = g.distances(a)[j];
        }
    }
    return out;
}

/// Canonical (ascending id) rows -> the table's rows, and back.
select::KnnGraph toTableOrder(select::KnnGraph canonical, const Loaded& l) {
    if (l.identityOrder) return canonical;
    return renumber(canonical, l.order);  // canonical row c is table row order[c]
}

select::KnnGraph toCanonicalOrder(const select::KnnGraph& tableGraph, const Loaded& l) {
    std::vector<std::int64_t> tableToCanonical(l.order.size());
    for (std::size_t c = 0; c < l.order.size(); ++c) tableToCanonical[static_cast<std::size_t>(l.order[c])] =
        static_cast<std::int64_t>(c);
    return renumber(tableGraph, tableToCanonical);
}

void setGraphInfo(nlohmann::json* info, const select::KnnGraph& g, bool cached) {
    if (!info) return;
    if (!info->is_object()) *info = nlohmann::json::object();
    (*info)["knn"] = g.exact ? "exact" : "approximate";
    (*info)["knn_recall"] = g.recall;
    (*info)["knn_cached"] = cached;
    (*info)["knn_k"] = g.k;
}

/// The cached graph for l with at least k neighbours, truncated to k, in the table's order.
std::optional<select::KnnGraph> lookupGraph(const catalog::Catalog& catalog, const Loaded& l, int k) {
    const auto art = catalog.artifact("knn", l.record.id, graphKey(l.fingerprint));
    if (!art) return std::nullopt;
    try {
        std::uint64_t tag = 0;
        select::KnnGraph g = index::loadKnnGraph(catalog.dataDir() + "/" + art->file, &tag);
        if (tag != l.fingerprint || g.n != l.X->rows || g.k < k) return std::nullopt;
        return toTableOrder(truncate(std::move(g), k), l);
    } catch (const Error&) {
        return std::nullopt;  // missing or damaged: computed again and replaced
    }
}

void removeFile(const catalog::Catalog& catalog, const std::string& relative) {
    if (relative.empty()) return;
    std::error_code ec;
    fs::remove(catalog.dataDir() + "/" + relative, ec);
}

/// A graph computed and written to its file but not registered yet: layouts register it only once the
/// layout is done, and delete the file when they fail or are canceled (PendingGraph).
struct FreshGraph {
    std::string file;  // relative to PROJECT.winnow.d
    nlohmann::json info;
};

/// Owns a FreshGraph until commit: its file is removed unless the graph was registered.
struct PendingGraph {
    const catalog::Catalog& catalog;
    std::optional<FreshGraph> fresh;
    bool committed = false;
    explicit PendingGraph(const catalog::Catalog& c) : catalog(c) {}
    PendingGraph(const PendingGraph&) = delete;
    PendingGraph& operator=(const PendingGraph&) = delete;
    ~PendingGraph() {
        if (fresh && !committed) removeFile(catalog, fresh->file);
    }
};

select::KnnGraph obtainGraph(const catalog::Catalog& catalog, const Loaded& l, int k, nlohmann::json* info,
                             Progress& progress, PendingGraph& pending) {
    const std::int64_t n = l.X->rows;
    if (k < 1 || k > n - 1)
        throw Error("a k-NN graph of " + std::to_string(n) + " samples needs 1 <= k <= " + std::to_string(n - 1) +
                    " (k = " + std::to_string(k) + ")");
    if (auto g = lookupGraph(catalog, l, k)) {
        setGraphInfo(info, *g, true);
        return *g;
    }
    progress.report(-1, -1, "k-NN graph");
    const auto start = std::chrono::steady_clock::now();
    index::IndexInfo indexInfo;
    select::KnnGraph g;
    try {
        g = index::knnGraph(*l.X, k, {}, progress, &indexInfo);
    } catch (const std::invalid_argument& e) {
        throw Error(std::string("k-NN graph: ") + e.what());
    }
    if (progress.isCanceled()) throw Canceled();
    FreshGraph f;
    f.info = {{"k", k},
              {"rows", n},
              {"exact", g.exact},
              {"recall", g.recall},
              {"index", indexInfo.type},
              {"reason", indexInfo.reason},
              {"nprobe", indexInfo.nprobe},
              {"seconds", std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count()}};
    // Written now (rows in ascending sample id), registered by commitGraph().
    const std::string dir = "graphs/" + l.record.name;
    std::error_code ec;
    fs::create_directories(catalog.dataDir() + "/" + dir, ec);
    if (ec) throw Error("cannot create " + catalog.dataDir() + "/" + dir + ": " + ec.message());
    f.file = dir + "/" + hex16(l.fingerprint) + "-k" + std::to_string(k) + ".knn";
    pending.fresh = std::move(f);
    if (l.identityOrder)
        index::saveKnnGraph(catalog.dataDir() + "/" + pending.fresh->file, g, l.fingerprint);
    else
        index::saveKnnGraph(catalog.dataDir() + "/" + pending.fresh->file, toCanonicalOrder(g, l), l.fingerprint);
    setGraphInfo(info, g, false);
    return g;
}

/// Registers a pending graph for l's embeddings, replacing the embedder's other graphs (older embeddings or
/// fewer neighbours) and deleting their files.
void commitGraph(catalog::Catalog& catalog, const Loaded& l, PendingGraph& pending) {
    if (!pending.fresh || pending.committed) return;
    const FreshGraph& f = *pending.fresh;
    const std::string& file = f.file;
    std::vector<catalog::Artifact> old;
    for (auto& a : catalog.artifacts("knn"))
        if (a.embedderId == l.record.id) old.push_back(std::move(a));
    catalog::Artifact art;
    art.kind = "knn";
    art.embedderId = l.record.id;
    art.key = graphKey(l.fingerprint);
    art.file = file;
    art.infoJson = f.info.dump();
    catalog.putArtifact(art);  // replaces the artifact of the same key
    pending.committed = true;
    for (const auto& a : old) {
        if (a.key != art.key) catalog.deleteArtifact(a.id);
        if (a.file != file) removeFile(catalog, a.file);
    }
}

// --- layout methods and their parameters ---

struct Spec {
    std::string method;
    nlohmann::json params = nlohmann::json::object();  // canonical
    std::string algorithm;                               // what changes the result, versioned
    map::UmapParams umap;
    map::TsneParams tsne;
};

std::uint64_t seedOf(MethodParams& p) {
    const std::int64_t seed = p.integer("seed", 42);
    if (seed < 0) throw Error("parameter seed must be a non-negative whole number");
    return static_cast<std::uint64_t>(seed);
}

Spec parseSpec(const std::string& method, MethodParams params) {
    if (!findLayoutMethod(method)) {
        std::string names;
        for (const auto& m : layoutMethods()) names += (names.empty() ? "" : ", ") + m.name;
        throw Error("unknown layout method '" + method + "' (available: " + names + ")");
    }
    Spec s;
    s.method = method;
    if (method == "pca") {
        s.algorithm = "pca1";
    } else if (method == "umap") {
        map::UmapParams& u = s.umap;
        const std::int64_t k = params.integer("k", 15);
        u.minDist = params.number("min_dist", 0.1);
        u.spread = params.number("spread", 1.0);
        const std::int64_t epochs = params.integer("epochs", 0);
        u.seed = seedOf(params);
        const std::string init = params.text("init", "spectral");
        if (k < 2 || k > 1000) throw Error("parameter k must be between 2 and 1000");
        if (u.minDist < 0) throw Error("parameter min_dist must be >= 0");
        if (!(u.spread > 0)) throw Error("parameter spread must be positive");
        if (epochs < 0 || epochs > 100000) throw Error("parameter epochs must be between 0 and 100000");
        if (init != "spectral" && init != "pca") throw Error("parameter init must be spectral or pca");
        u.k = static_cast<int>(k);
        u.epochs = static_cast<int>(epochs);
        u.init = init == "pca" ? map::UmapInit::Pca : map::UmapInit::Spectral;
        s.params = {{"k", k}, {"min_dist", u.minDist}, {"spread", u.spread}, {"epochs", epochs},
                    {"seed", u.seed}, {"init", init}};
        s.algorithm = map::cacheKey(u);
    } else {
        map::TsneParams& t = s.tsne;
        t.perplexity = params.number("perplexity", 30);
        const std::int64_t iterations = params.integer("iterations", 750);
        t.exaggeration = params.number("exaggeration", 12);
        t.learningRate = params.number("learning_rate", 0);
        t.seed = seedOf(params);
        const std::string init = params.text("init", "pca");
        if (!(t.perplexity > 0) || t.perplexity > 300) throw Error("parameter perplexity must be in (0, 300]");
        if (iterations < 1 || iterations > 100000) throw Error("parameter iterations must be between 1 and 100000");
        if (!(t.exaggeration > 0)) throw Error("parameter exaggeration must be positive");
        if (t.learningRate < 0) throw Error("parameter learning_rate must be >= 0 (0: automatic)");
        if (init != "pca" && init != "random") throw Error("parameter init must be pca or random");
        t.iterations = static_cast<int>(iterations);
        t.init = init == "pca" ? map::TsneInit::Pca : map::TsneInit::Random;
        s.params = {{"perplexity", t.perplexity}, {"iterations", iterations}, {"exaggeration", t.exaggeration},
                    {"learning_rate", t.learningRate}, {"seed", t.seed}, {"init", init}};
        s.algorithm = map::cacheKey(t);
    }
    params.checkAllUsed("map " + method);
    return s;
}

std::string layoutKey(const Spec& s, std::uint64_t fingerprint) {
    return nlohmann::json{{"method", s.method},
                          {"params", s.params},
                          {"algorithm", s.algorithm},
                          {"embeddings", hex16(fingerprint)}}
        .dump();
}

std::int64_t nowSeconds() { return static_cast<std::int64_t>(std::time(nullptr)); }

nlohmann::json parseOrEmpty(const std::string& text) {
    try {
        auto j = nlohmann::json::parse(text);
        return j.is_object() ? j : nlohmann::json::object();
    } catch (const std::exception&) {
        return nlohmann::json::object();
    }
}

/// Deletes the embedder's layouts of the same method and parameters computed for other embeddings, and
/// the oldest beyond kMaxLayoutsPerEmbedder.
void pruneLayouts(catalog::Catalog& catalog, std::int64_t embedderId, const Spec& spec, const std::string& keep) {
    std::vector<catalog::Artifact> mine;
    for (auto& a : catalog.artifacts("layout"))
        if (a.embedderId == embedderId && a.key != keep) mine.push_back(std::move(a));
    std::sort(mine.begin(), mine.end(), [](const auto& a, const auto& b) {
        return a.created != b.created ? a.created > b.created : a.id > b.id;
    });
    std::size_t kept = 1;  // the new one
    for (const auto& a : mine) {
        const nlohmann::json key = parseOrEmpty(a.key);
        const bool sameRecipe = key.value("method", "") == spec.method && key.contains("params") &&
                                key["params"] == spec.params;
        if (sameRecipe || kept >= kMaxLayoutsPerEmbedder) {
            catalog.deleteArtifact(a.id);
            removeFile(catalog, a.file);
        } else {
            ++kept;
        }
    }
}

}  // namespace

const std::vector<MethodInfo>& layoutMethods() {
    static const std::vector<MethodInfo> list = {
        {"umap",
         "UMAP: keeps each sample near its nearest neighbours, so clusters separate clearly (distances between "
         "clusters mean little)",
         {{"k", "15", "neighbourhood size, the sample itself included: larger shows more global structure"},
          {"min_dist", "0.1", "how tightly points may pack in the map (0 to 1)"},
          {"spread", "1", "scale of the clusters in the map"},
          {"epochs", "0", "optimisation rounds; 0: 500 up to 10,000 samples, 200 above"},
          {"seed", "42", "random seed: the same seed gives the same map"},
          {"init", "spectral", "starting layout: spectral (graph eigenvectors) or pca"}}},
        {"tsne",
         "t-SNE: places samples so that close neighbours stay close; strong local clusters, slower than UMAP",
         {{"perplexity", "30", "effective number of neighbours per sample (5 to 50 typical)"},
          {"iterations", "750", "gradient-descent iterations (the first 250 with early exaggeration)"},
          {"exaggeration", "12", "early exaggeration: how strongly clusters are pulled together at first"},
          {"learning_rate", "0", "step size; 0: automatic, max(samples / exaggeration, 200)"},
          {"seed", "42", "random seed: the same seed gives the same map"},
          {"init", "pca", "starting layout: pca or random"}}},
        {"pca",
         "PCA: the two directions along which the embeddings vary most; fast and linear, clusters may overlap",
         {}},
    };
    return list;
}

const MethodInfo* findLayoutMethod(const std::string& name) {
    for (const auto& m : layoutMethods())
        if (m.name == name) return &m;
    return nullptr;
}

std::string embeddingFingerprint(const catalog::Catalog& catalog, const EmbeddingTable& table) {
    return hex16(describe(catalog, table).fingerprint);
}

std::optional<select::KnnGraph> cachedKnnGraph(const catalog::Catalog& catalog, const EmbeddingTable& table, int k,
                                               nlohmann::json* info) {
    return cachedKnnGraph(catalog, table.embedder, table.ids, table.X, k, info);
}

std::optional<select::KnnGraph> cachedKnnGraph(const catalog::Catalog& catalog, const std::string& embedder,
                                               const std::vector<std::int64_t>& ids, const select::Matrix& X, int k,
                                               nlohmann::json* info) {
    if (k < 1 || k > X.rows - 1) return std::nullopt;
    const Loaded l = describe(catalog, embedder, ids, X);
    auto g = lookupGraph(catalog, l, k);
    if (g) setGraphInfo(info, *g, true);
    return g;
}

select::KnnGraph knnGraphFor(catalog::Catalog& catalog, const EmbeddingTable& table, int k, nlohmann::json* info,
                             Progress& progress) {
    const Loaded l = describe(catalog, table);
    PendingGraph pending(catalog);
    select::KnnGraph g = obtainGraph(catalog, l, k, info, progress, pending);
    commitGraph(catalog, l, pending);
    return g;
}

select::KnnGraph knnGraphFor(catalog::Catalog& catalog, const std::string& embedder, int k,
                             std::vector<std::int64_t>* ids, nlohmann::json* info, Progress& progress) {
    progress.report(-1, -1, "loading embeddings");
    const EmbeddingTable table = loadEmbeddings(catalog, embedder);
    if (table.X.rows < 2) throw Error("a k-NN graph needs at least two embedded samples");
    select::KnnGraph g = knnGraphFor(catalog, table, k, info, progress);
    if (ids) *ids = table.ids;
    return g;
}

Layout computeLayout(catalog::Catalog& catalog, const LayoutRequest& request, Progress& progress) {
    const Spec spec = parseSpec(request.method, request.params);
    if (progress.isCanceled()) throw Canceled();
    progress.report(-1, -1, "loading embeddings");
    const EmbeddingTable table = loadEmbeddings(catalog, request.embedder);
    const std::int64_t n = table.X.rows;
    if (n < 3)
        throw Error("a layout needs at least 3 embedded samples; '" + request.embedder + "' has " +
                    std::to_string(n));
    if (spec.method == "tsne" && !(spec.tsne.perplexity < static_cast<double>(n)))
        throw Error("parameter perplexity must be less than the number of samples (" + std::to_string(n) + ")");
    const Loaded l = describe(catalog, table);

    Layout out;
    out.embedder = table.embedder;
    out.method = spec.method;
    out.params = spec.params;
    out.key = layoutKey(spec, l.fingerprint);
    out.ids = table.ids;
    out.info = nlohmann::json::object();

    if (!request.recompute) {
        if (const auto art = catalog.artifact("layout", l.record.id, out.key)) {
            try {
                map::LayoutFile file = map::loadLayout(catalog.dataDir() + "/" + art->file);
                if (file.key == out.key && file.layout.rows == n && file.layout.cols == 2) {
                    const nlohmann::json stored = parseOrEmpty(art->infoJson);
                    out.xy = std::move(file.layout);
                    out.cached = true;
                    out.info = stored.value("info", nlohmann::json::object());
                    out.created = art->created;
                    return out;
                }
            } catch (const Error&) {
                // missing or damaged: computed again below
            }
        }
    }

    const auto start = std::chrono::steady_clock::now();
    PendingGraph pending(catalog);
    try {
        if (spec.method == "pca") {
            progress.report(-1, -1, "PCA");
            out.xy = map::pca2d(table.X, 0, progress);
        } else if (spec.method == "umap") {
            map::UmapParams u = spec.umap;
            u.k = static_cast<int>(std::min<std::int64_t>(u.k, n));
            const select::KnnGraph g = obtainGraph(catalog, l, u.k - 1, &out.info, progress, pending);
            out.info["epochs"] = u.epochs > 0 ? u.epochs : (n <= 10000 ? 500 : 200);
            out.info["k"] = u.k;
            out.xy = map::umap(g, &table.X, u, progress);
        } else {
            map::TsneParams t = spec.tsne;
            const int wanted = std::max(1, static_cast<int>(std::floor(3 * t.perplexity)));
            const int k = static_cast<int>(std::min<std::int64_t>(wanted, n - 1));
            const select::KnnGraph g = obtainGraph(catalog, l, k, &out.info, progress, pending);
            out.info["iterations"] = t.iterations;
            out.info["neighbours"] = k;
            out.info["learning_rate"] =
                t.learningRate > 0 ? t.learningRate : std::max(static_cast<double>(n) / t.exaggeration, 200.0);
            out.xy = map::tsne(g, &table.X, t, progress);
        }
    } catch (const std::invalid_argument& e) {
        throw Error(std::string("map ") + spec.method + ": " + e.what());
    }
    if (progress.isCanceled()) throw Canceled();
    out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    out.created = nowSeconds();

    // Cache: the graph (when computed here), then the layout file, then its artifact.
    progress.report(-1, -1, "saving the layout");
    commitGraph(catalog, l, pending);
    const std::string dir = "layouts/" + l.record.name;
    std::error_code ec;
    fs::create_directories(catalog.dataDir() + "/" + dir, ec);
    if (ec) throw Error("cannot create " + catalog.dataDir() + "/" + dir + ": " + ec.message());
    const std::string file =
        dir + "/" + spec.method + "-" + hex16(hashText(kFnvOffset, out.key)) + ".lyt";
    map::saveLayout(catalog.dataDir() + "/" + file, out.xy, out.key);
    catalog::Artifact art;
    art.kind = "layout";
    art.embedderId = l.record.id;
    art.key = out.key;
    art.file = file;
    art.infoJson = nlohmann::json{{"rows", n}, {"seconds", out.seconds}, {"info", out.info}}.dump();
    art.created = out.created;
    catalog.putArtifact(art);
    pruneLayouts(catalog, l.record.id, spec, out.key);
    return out;
}

std::vector<LayoutSummary> cachedLayouts(const catalog::Catalog& catalog) {
    std::vector<LayoutSummary> out;
    std::map<std::int64_t, std::string> names, fingerprints;  // per embedder id
    for (const auto& a : catalog.artifacts("layout")) {
        LayoutSummary s;
        s.artifactId = a.id;
        s.key = a.key;
        s.created = a.created;
        const nlohmann::json key = parseOrEmpty(a.key);
        s.method = key.value("method", "");
        s.params = key.contains("params") ? key["params"] : nlohmann::json::object();
        s.rows = parseOrEmpty(a.infoJson).value("rows", std::int64_t{0});
        if (!names.count(a.embedderId)) {
            const auto rec = catalog.embedder(a.embedderId);
            names[a.embedderId] = rec ? rec->name : "";
            std::string fp;
            if (rec) {
                try {
                    fp = embeddingFingerprint(catalog, loadEmbeddings(catalog, rec->name));
                } catch (const Error&) {
                }
            }
            fingerprints[a.embedderId] = fp;
        }
        s.embedder = names[a.embedderId];
        s.current = !fingerprints[a.embedderId].empty() && key.value("embeddings", "") == fingerprints[a.embedderId];
        out.push_back(std::move(s));
    }
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
        return a.created != b.created ? a.created > b.created : a.artifactId > b.artifactId;
    });
    return out;
}

void writeLayoutCsv(const Layout& layout, const std::string& path) {
    if (layout.xy.cols != 2 || static_cast<std::int64_t>(layout.ids.size()) != layout.xy.rows)
        throw Error("writeLayoutCsv: the layout's ids and coordinates differ in length");
    std::FILE* f = std::fopen(path.c_str(), "w");
    if (!f) throw Error("cannot write " + path + ": " + std::strerror(errno));
    bool ok = std::fputs("sample_id,x,y\n", f) >= 0;
    for (std::int64_t i = 0; ok && i < layout.xy.rows; ++i)
        ok = std::fprintf(f, "%" PRId64 ",%.9g,%.9g\n", layout.ids[static_cast<std::size_t>(i)],
                          static_cast<double>(layout.xy.row(i)[0]), static_cast<double>(layout.xy.row(i)[1])) > 0;
    const int saved = errno;
    if (std::fclose(f) != 0 || !ok) {
        const int e = ok ? errno : saved;
        throw Error("cannot write " + path + ": " + std::strerror(e));
    }
}

}  // namespace winnow::curate
