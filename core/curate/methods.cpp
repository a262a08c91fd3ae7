// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "curate/methods.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <sstream>
#include <stdexcept>
#include <unordered_map>

#include "common/error.h"
#include "dup/neardup.h"
#include "curate/embeddingstore.h"
#include "curate/layouts.h"
#include "index/graphscores.h"
#include "index/kmeans.h"
#include "index/knngraph.h"
#include "select/clusters.h"
#include "select/d4.h"
#include "select/dbp.h"
#include "select/hkmeans.h"
#include "select/labelbalance.h"
#include "select/prototypes.h"
#include "select/semdedup.h"
#include "select/targetmatch.h"
#include "select/kcenter.h"
#include "select/outliers.h"
#include "select/random.h"
#include "select/typicality.h"

namespace winnow::curate {

// ---------------------------------------------------------------- parameters

MethodParams MethodParams::fromPairs(const std::vector<std::string>& pairs) {
    MethodParams p;
    for (const auto& kv : pairs) {
        const auto eq = kv.find('=');
        if (eq == std::string::npos || eq == 0) throw Error("a parameter needs key=value, not '" + kv + "'");
        if (!p.m_values.emplace(kv.substr(0, eq), kv.substr(eq + 1)).second)
            throw Error("parameter " + kv.substr(0, eq) + " given twice");
    }
    return p;
}

MethodParams MethodParams::fromJson(const nlohmann::json& object) {
    MethodParams p;
    if (object.is_null()) return p;
    if (!object.is_object()) throw Error("parameters must be a JSON object");
    for (const auto& [key, value] : object.items()) {
        if (value.is_string())
            p.m_values[key] = value.get<std::string>();
        else if (value.is_boolean())
            p.m_values[key] = value.get<bool>() ? "true" : "false";
        else if (value.is_number_integer())
            p.m_values[key] = std::to_string(value.get<std::int64_t>());
        else if (value.is_number())
            p.m_values[key] = value.dump();
        else
            throw Error("parameter " + key + " must be a number, a string or a boolean");
    }
    return p;
}

std::string MethodParams::text(const std::string& key, const std::string& fallback) {
    m_used.push_back(key);
    auto it = m_values.find(key);
    return it == m_values.end() ? fallback : it->second;
}

double MethodParams::number(const std::string& key, double fallback) {
    const std::string v = text(key, "");
    if (v.empty()) return fallback;
    try {
        std::size_t used = 0;
        const double d = std::stod(v, &used);
        if (used != v.size() || !std::isfinite(d)) throw std::invalid_argument(v);
        return d;
    } catch (const std::exception&) {
        throw Error("parameter " + key + " must be a number, not '" + v + "'");
    }
}

std::int64_t MethodParams::integer(const std::string& key, std::int64_t fallback) {
    const double d = number(key, static_cast<double>(fallback));
    if (d != std::floor(d) || std::abs(d) > 9e15) throw Error("parameter " + key + " must be a whole number");
    return static_cast<std::int64_t>(d);
}

bool MethodParams::flag(const std::string& key, bool fallback) {
    const std::string v = text(key, "");
    if (v.empty()) return fallback;
    if (v == "true" || v == "1" || v == "yes") return true;
    if (v == "false" || v == "0" || v == "no") return false;
    throw Error("parameter " + key + " must be true or false, not '" + v + "'");
}

void MethodParams::checkAllUsed(const std::string& method) const {
    for (const auto& [key, value] : m_values)
        if (std::find(m_used.begin(), m_used.end(), key) == m_used.end())
            throw Error("method " + method + " has no parameter '" + key + "'");
}

nlohmann::json MethodParams::json() const {
    nlohmann::json j = nlohmann::json::object();
    for (const auto& [key, value] : m_values) {
        try {
            std::size_t used = 0;
            const double d = std::stod(value, &used);
            if (used == value.size() && std::isfinite(d)) {
                if (d == std::floor(d) && std::abs(d) < 9e15 && value.find_first_of(".eE") == std::string::npos)
                    j[key] = static_cast<std::int64_t>(d);
                else
                    j[key] = d;
                continue;
            }
        } catch (const std::exception&) {
        }
        j[key] = value;
    }
    return j;
}

// ---------------------------------------------------------------- registry

const std::vector<MethodInfo>& selectionMethods() {
    static const std::vector<MethodInfo> list = {
        {"random", "A uniformly random subset: the baseline every other method must beat.", {}, false, false, false},
        {"coreset",
         "k-center greedy: each pick is the sample farthest from everything picked so far, so the subset covers "
         "the whole embedding space, outliers included.",
         {{"first", "0", "pool row of the first pick"}, {"start", "", "'random' draws the first pick from the seed"}}},
        {"typicality",
         "The most typical samples: those whose 20 nearest neighbours are closest (dense regions first).",
         {{"k", "20", "neighbours"}, {"variant", "mean", "mean (Euclidean) or squared (TypiClust's code)"}}},
        {"typicality-diversity",
         "Typical but spread out: each pick maximises distance-to-the-subset^s_div x typicality^s_typ "
         "(what seed 000 calls Typicality).",
         {{"k", "20", "neighbours for typicality"},
          {"s_div", "1", "strength of diversity"},
          {"s_typ", "1", "strength of typicality"},
          {"min_distance", "0", "stop when nothing is farther than this from the subset"},
          {"variant", "mean", "mean or squared"}}},
        {"outliers",
         "The least typical samples: largest mean distance to their k nearest neighbours (to inspect or to remove).",
         {{"k", "20", "neighbours"}}},
        {"cluster-balanced",
         "Equal numbers from every k-means cluster (small clusters taken whole), at random inside a cluster: "
         "rebalances skewed data (seed 001's fairness use).",
         {{"k", "sqrt(n/2)", "clusters"}, {"iterations", "20", "k-means iterations"},
          {"spherical", "false", "cosine k-means"}}},
        {"cluster-prune",
         "Per k-means cluster, keep the samples farthest from (hard) or closest to (easy) its centroid, in "
         "proportion to the cluster's size (the seed paper's clustering prune).",
         {{"k", "sqrt(n/2)", "clusters"}, {"iterations", "20", "k-means iterations"},
          {"keep", "hard", "hard (far from the centroid) or easy (close)"}, {"spherical", "false", "cosine k-means"}}},
        {"prototypes",
         "SSL prototypes: score = cosine distance to the nearest k-means centroid; keep the hardest (largest) "
         "with abundant data, the easiest with scarce data.",
         {{"k", "sqrt(n/2)", "clusters"}, {"iterations", "20", "k-means iterations"},
          {"keep", "hard", "hard or easy"}}},
        {"semdedup",
         "Semantic deduplication: inside each cosine k-means cluster, drop every sample more similar than 1-eps "
         "to one earlier in the cluster's order; no size: all it keeps; with a size, eps is chosen to keep it.",
         {{"k", "sqrt(n/2)", "clusters"}, {"iterations", "20", "k-means iterations"},
          {"eps", "0.05", "similarity threshold 1-eps (ignored when a size is given)"},
          {"keep", "hard", "hard (farthest from the centroid first), easy or random"}},
         true,
         false,
         true},
        {"dbp",
         "Density-based pruning: clusters that are dense and close to others get fewer samples (softmax of "
         "d_inter x d_intra / T), the hardest kept inside each.",
         {{"k", "sqrt(n/2)", "clusters"}, {"iterations", "20", "k-means iterations"},
          {"temperature", "0.5", "softmax temperature"}, {"neighbours", "20", "nearest centroids for d_inter"},
          {"density", "dintra*dinter", "dintra*dinter, uniform or clustersize"},
          {"balance", "0.5", "class balance ratio of the lower bound"}, {"keep", "hard", "hard, easy or random"}}},
        {"hkmeans",
         "Hierarchical balanced sampling: k-means on k-means centroids, then the size split evenly down the "
         "tree, so rare concepts keep their share (self-supervised data curation).",
         {{"clusters", "sqrt(n),sqrt(sqrt(n))", "k of every level, comma separated"},
          {"resampling", "3", "resampling steps per level"}, {"sample_size", "5", "points per cluster when resampling"},
          {"leaf", "random", "random or closest inside the smallest clusters"}}},
        {"d4",
         "D4: SemDeDup to dedup_keep of the data, re-cluster, then remove the most prototypical samples.",
         {{"k", "sqrt(n/2)", "clusters"}, {"dedup_keep", "0.75", "fraction SemDeDup keeps"},
          {"clusters", "100", "k of the re-clustering"}}},
        {"target",
         "Target matching: the pool samples nearest (cosine) to a reference set, round robin over the references "
         "so the target distribution is covered.",
         {{"tag", "", "references: samples with this tag"}, {"dataset", "", "references: this dataset"},
          {"subset", "", "references: this subset"}, {"reference", "", "references: a .npy matrix (bare matrix mode)"}}},
        {"label-balance",
         "Equal numbers per label (water-filling: small labels are taken whole), drawn at random inside each "
         "label.",
         {},
         false,
         true},
        {"dedup-exact",
         "One sample per group of byte-identical files (the lowest id is kept).",
         {},
         false,
         true,
         true},
        {"dedup-near",
         "One sample per group of near duplicates (perceptual hash within max_distance; the lowest id is kept).",
         {{"max_distance", "10", "largest pHash Hamming distance of a near pair"}},
         false,
         true,
         true},
    };
    return list;
}

const MethodInfo* findMethod(const std::string& name) {
    for (const auto& m : selectionMethods())
        if (m.name == name) return &m;
    return nullptr;
}

const std::vector<catalog::Sample>& SelectionData::poolSamples() {
    if (samples.size() != ids.size()) {
        if (!catalog) throw Error("this method needs a project (sample hashes and labels), not a bare matrix");
        samples = catalog->samplesByIds(ids);
        if (samples.size() != ids.size()) throw Error("some samples of the pool no longer exist");
    }
    return samples;
}

// ---------------------------------------------------------------- methods

namespace {

/// The `size` rows of highest score, highest first, lowest row on ties.
std::vector<std::int64_t> topByScore(const std::vector<double>& score, std::int64_t size) {
    std::vector<std::int64_t> order(score.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](auto a, auto b) { return score[a] > score[b]; });
    order.resize(static_cast<std::size_t>(std::min<std::int64_t>(size, static_cast<std::int64_t>(order.size()))));
    return order;
}

int clampK(std::int64_t k, std::int64_t rows) {
    if (k < 1) throw Error("parameter k must be at least 1");
    return static_cast<int>(std::max<std::int64_t>(1, std::min<std::int64_t>(k, rows - 1)));
}

void requireRows(const SelectionData& d, const std::string& method) {
    if (d.X.cols == 0 && d.X.rows == 0 && !d.ids.empty())
        throw Error("method " + method + " needs embeddings");
}

/// Keeps the first row of every group (groups given as a group key per row; rows in pool order).
template <typename Key>
MethodOutput keepFirstPerGroup(const std::vector<Key>& key, std::int64_t size, const char* what) {
    MethodOutput out;
    std::unordered_map<Key, std::int64_t> groupSize;
    for (const auto& k : key) ++groupSize[k];
    std::unordered_map<Key, bool> seen;
    std::int64_t removed = 0;
    for (std::size_t r = 0; r < key.size(); ++r) {
        if (seen.emplace(key[r], true).second) {
            out.rows.push_back(static_cast<std::int64_t>(r));
            out.scores.push_back(static_cast<double>(groupSize[key[r]]));
        } else {
            ++removed;
        }
    }
    out.info[what] = removed;
    if (size >= 0 && static_cast<std::int64_t>(out.rows.size()) > size) {
        out.rows.resize(static_cast<std::size_t>(size));
        out.scores.resize(static_cast<std::size_t>(size));
    }
    return out;
}

std::int64_t defaultClusters(std::int64_t n) {
    return std::max<std::int64_t>(1, std::min<std::int64_t>(n, std::llround(std::sqrt(static_cast<double>(n) / 2.0))));
}

select::Matrix normalizedCopy(const SelectionData& d) {
    select::Matrix Y = d.X;
    if (!d.normalized) select::normalizeRows(Y);
    return Y;
}

/// k-means of the pool through FAISS, with the method's k / iterations parameters.
select::ClusterResult clusterPool(const select::Matrix& X, MethodParams& p, bool spherical, std::uint64_t seed,
                                  Progress& progress, nlohmann::json& info) {
    index::KMeansParams kp;
    kp.k = static_cast<int>(p.integer("k", defaultClusters(X.rows)));
    kp.iterations = static_cast<int>(p.integer("iterations", 20));
    if (kp.k < 1 || kp.k > X.rows) throw Error("parameter k must be from 1 to the pool size (" + std::to_string(X.rows) + ")");
    if (kp.iterations < 1) throw Error("parameter iterations must be at least 1");
    kp.spherical = spherical;
    kp.seed = seed;
    index::KMeansResult r = index::kmeans(X, kp, progress);
    info["clusters"] = kp.k;
    if (!r.objective.empty()) info["kmeans_objective"] = r.objective.back();
    return {std::move(r.centroids), std::move(r.assignment)};
}

select::ClusterKeep keepMode(MethodParams& p, bool allowRandom) {
    const std::string keep = p.text("keep", "hard");
    if (keep == "hard") return select::ClusterKeep::Hard;
    if (keep == "easy") return select::ClusterKeep::Easy;
    if (keep == "random" && allowRandom) return select::ClusterKeep::Random;
    throw Error(std::string("parameter keep must be hard, easy") + (allowRandom ? " or random" : ""));
}

std::vector<int> intList(const std::string& text, const char* key) {
    std::vector<int> out;
    std::stringstream in(text);
    std::string item;
    while (std::getline(in, item, ',')) {
        try {
            out.push_back(std::stoi(item));
        } catch (const std::exception&) {
            throw Error(std::string("parameter ") + key + " must be a comma-separated list of whole numbers");
        }
    }
    return out;
}

}  // namespace

/// Above this many rows, k-NN scores come from the FAISS k-NN graph instead of the exact O(n^2) scan.
constexpr std::int64_t kGraphThreshold = 20000;

std::vector<double> knnScores(const SelectionData& data, const select::Matrix& X, int k, bool outlier, bool squared,
                              Progress& progress, nlohmann::json& info) {
    if (X.rows <= kGraphThreshold) {
        info["knn"] = "exact";
        return outlier ? select::outlierScores(X, k) : select::typicality(X, k, squared);
    }
    if (data.catalog && !data.embedder.empty() && static_cast<std::int64_t>(data.ids.size()) == X.rows) {
        if (auto cached = cachedKnnGraph(*data.catalog, data.embedder, data.ids, X, k, &info))
            return outlier ? index::outlierScoresFromGraph(*cached, k) : index::typicalityFromGraph(*cached, k, squared);
    }
    index::IndexInfo indexInfo;
    const select::KnnGraph graph = index::knnGraph(X, k, {}, progress, &indexInfo);
    info["knn"] = graph.exact ? "exact (FAISS)" : "approximate (FAISS)";
    info["knn_recall"] = graph.recall;
    return outlier ? index::outlierScoresFromGraph(graph, k) : index::typicalityFromGraph(graph, k, squared);
}


MethodOutput runMethod(const std::string& method, SelectionData& data, MethodParams& params, std::int64_t size,
                       std::uint64_t seed, Progress& progress) {
    const MethodInfo* info = findMethod(method);
    if (!info) {
        std::string names;
        for (const auto& m : selectionMethods()) names += (names.empty() ? "" : ", ") + m.name;
        throw Error("unknown method '" + method + "' (available: " + names + ")");
    }
    if (size < 0 && !info->sizeOptional) throw Error("method " + method + " needs a size");
    if (info->needsProject && !data.catalog) throw Error("method " + method + " needs a project, not a bare matrix");
    const std::int64_t n = data.catalog ? static_cast<std::int64_t>(data.ids.size()) : data.X.rows;
    if (info->needsEmbeddings) requireRows(data, method);
    const std::int64_t budget = size < 0 ? n : std::min(size, n);
    const select::Matrix& X = data.X;
    MethodOutput out;
    try {
        if (method == "random") {
            params.checkAllUsed(method);
            out.rows = select::randomSubset(n, budget, seed);
            out.scores.assign(out.rows.size(), 0.0);
        } else if (method == "coreset") {
            select::KCenterParams kc;
            const std::string start = params.text("start", "");
            kc.first = params.integer("first", 0);
            if (start == "random" && X.rows > 0)
                kc.first = select::randomSubset(X.rows, 1, seed).front();
            else if (!start.empty())
                throw Error("parameter start must be 'random'");
            params.checkAllUsed(method);
            out.rows = select::kCenterGreedy(X, budget, kc, progress, &out.scores);
        } else if (method == "typicality") {
            const std::int64_t k = params.integer("k", 20);
            const std::string variant = params.text("variant", "mean");
            if (variant != "mean" && variant != "squared") throw Error("parameter variant must be mean or squared");
            params.checkAllUsed(method);
            if (X.rows < 2) {
                out.rows = select::randomSubset(X.rows, budget, 0);
                out.scores.assign(out.rows.size(), 0.0);
            } else {
                const auto typ = knnScores(data, X, clampK(k, X.rows), false, variant == "squared", progress, out.info);
                out.rows = topByScore(typ, budget);
                for (auto i : out.rows) out.scores.push_back(typ[static_cast<std::size_t>(i)]);
            }
        } else if (method == "typicality-diversity") {
            select::TypicalityDiversityParams td;
            td.k = static_cast<int>(params.integer("k", 20));
            td.sDiv = params.number("s_div", 1);
            td.sTyp = params.number("s_typ", 1);
            td.minDistance = params.number("min_distance", 0);
            const std::string variant = params.text("variant", "mean");
            if (variant != "mean" && variant != "squared") throw Error("parameter variant must be mean or squared");
            td.squared = variant == "squared";
            params.checkAllUsed(method);
            if (X.rows >= 2) td.k = clampK(td.k, X.rows);
            std::vector<double> typ;
            out.rows = select::typicalityDiversity(X, budget, td, progress, &typ);
            for (auto i : out.rows) out.scores.push_back(typ[static_cast<std::size_t>(i)]);
        } else if (method == "outliers") {
            const std::int64_t k = params.integer("k", 20);
            params.checkAllUsed(method);
            if (X.rows < 2) {
                out.rows = select::randomSubset(X.rows, budget, 0);
                out.scores.assign(out.rows.size(), 0.0);
            } else {
                const auto score = knnScores(data, X, clampK(k, X.rows), true, false, progress, out.info);
                out.rows = topByScore(score, budget);
                for (auto i : out.rows) out.scores.push_back(score[static_cast<std::size_t>(i)]);
            }
        } else if (method == "cluster-balanced" || method == "cluster-prune") {
            const bool spherical = params.flag("spherical", false);
            const bool prune = method == "cluster-prune";
            const select::ClusterKeep keep = prune ? keepMode(params, false) : select::ClusterKeep::Hard;
            if (X.rows == 0) return out;
            const select::Matrix Y = spherical ? normalizedCopy(data) : select::Matrix();
            const select::Matrix& use = spherical ? Y : X;
            const auto c = clusterPool(use, params, spherical, seed, progress, out.info);
            params.checkAllUsed(method);
            out.rows = prune ? select::clusterPrune(use, c.assignment, c.centroids, budget, keep == select::ClusterKeep::Hard)
                             : select::clusterBalanced(c.assignment, budget, seed);
            for (auto r : out.rows) out.scores.push_back(static_cast<double>(c.assignment[static_cast<std::size_t>(r)]));
        } else if (method == "prototypes") {
            const select::ClusterKeep keep = keepMode(params, false);
            if (X.rows == 0) return out;
            const select::Matrix Y = normalizedCopy(data);
            const auto c = clusterPool(Y, params, true, seed, progress, out.info);
            params.checkAllUsed(method);
            select::PrototypeScores ps;
            out.rows = select::prototypes(Y, c.centroids, budget, {keep == select::ClusterKeep::Hard}, progress, &ps);
            for (auto r : out.rows) out.scores.push_back(ps.distance[static_cast<std::size_t>(r)]);
        } else if (method == "semdedup") {
            select::SemDedupParams sp;
            sp.eps = params.number("eps", 0.05);
            sp.keep = keepMode(params, true);
            sp.seed = seed;
            if (X.rows == 0) return out;
            const select::Matrix Y = normalizedCopy(data);
            const auto c = clusterPool(Y, params, true, seed, progress, out.info);
            params.checkAllUsed(method);
            const auto scores = select::semDedupScores(Y, c.assignment, c.centroids, sp, progress);
            double eps = sp.eps;
            if (size >= 0) eps = select::semDedupEpsForKeep(scores, budget).eps;
            out.rows = select::semDedupKept(scores, eps);
            if (size >= 0 && static_cast<std::int64_t>(out.rows.size()) > budget) out.rows.resize(static_cast<std::size_t>(budget));
            for (auto r : out.rows) out.scores.push_back(scores.maxSimilarity[static_cast<std::size_t>(r)]);
            out.info["eps"] = eps;
            out.info["removed"] = X.rows - static_cast<std::int64_t>(select::semDedupKept(scores, eps).size());
        } else if (method == "dbp") {
            select::DbpParams dp;
            dp.temperature = params.number("temperature", 0.5);
            dp.neighbours = static_cast<int>(params.integer("neighbours", 20));
            dp.classBalanceRatio = params.number("balance", 0.5);
            const std::string density = params.text("density", "dintra*dinter");
            if (density == "dintra*dinter") dp.density = select::DbpDensity::IntraInter;
            else if (density == "uniform") dp.density = select::DbpDensity::Uniform;
            else if (density == "clustersize") dp.density = select::DbpDensity::ClusterSize;
            else throw Error("parameter density must be dintra*dinter, uniform or clustersize");
            dp.keep = keepMode(params, true);
            dp.seed = seed;
            if (X.rows == 0) return out;
            const select::Matrix Y = normalizedCopy(data);
            const auto c = clusterPool(Y, params, true, seed, progress, out.info);
            params.checkAllUsed(method);
            out.rows = select::dbp(Y, c.assignment, c.centroids, budget, dp, progress);
            for (auto r : out.rows) out.scores.push_back(static_cast<double>(c.assignment[static_cast<std::size_t>(r)]));
        } else if (method == "hkmeans" || method == "d4") {
            if (X.rows == 0) {
                params.checkAllUsed(method);
                return out;
            }
            index::KMeansParams base;
            base.iterations = static_cast<int>(params.integer("iterations", 20));
            const bool d4 = method == "d4";
            base.spherical = d4;
            const auto faissKMeans = index::kmeansFunction(base, progress);
            const select::KMeansFn kmeansFn = [&](const select::Matrix& M, int k, std::uint64_t s) {
                index::KMeansResult r = faissKMeans(M, k, s);
                return select::ClusterResult{std::move(r.centroids), std::move(r.assignment)};
            };
            if (d4) {
                const select::Matrix Y = normalizedCopy(data);
                const auto c = clusterPool(Y, params, true, seed, progress, out.info);
                select::D4Params dp;
                dp.dedupKeep = params.number("dedup_keep", 0.75);
                dp.clusters = static_cast<int>(params.integer("clusters", 100));
                dp.seed = seed;
                params.checkAllUsed(method);
                const auto r = select::d4(Y, c.assignment, c.centroids, budget, dp, kmeansFn, progress);
                out.rows = r.selected;
                out.scores.assign(out.rows.size(), 0.0);
                out.info["eps"] = r.eps;
                out.info["dedup_kept"] = r.dedupKept;
            } else {
                select::HKMeansParams hp;
                const std::int64_t n1 = std::max<std::int64_t>(1, std::llround(std::sqrt(static_cast<double>(X.rows))));
                const std::int64_t n2 = std::max<std::int64_t>(1, std::llround(std::sqrt(static_cast<double>(n1))));
                hp.clusters = intList(params.text("clusters", std::to_string(n1) + "," + std::to_string(n2)), "clusters");
                const int steps = static_cast<int>(params.integer("resampling", 3));
                const int sample = static_cast<int>(params.integer("sample_size", 5));
                hp.resamplingSteps.assign(hp.clusters.size(), steps);
                hp.sampleSize.assign(hp.clusters.size(), sample);
                hp.seed = seed;
                const std::string leaf = params.text("leaf", "random");
                if (leaf != "random" && leaf != "closest") throw Error("parameter leaf must be random or closest");
                params.checkAllUsed(method);
                for (std::size_t l = 0; l < hp.clusters.size(); ++l) {
                    const std::int64_t items = l == 0 ? X.rows : hp.clusters[l - 1];
                    if (hp.clusters[l] < 1 || hp.clusters[l] > items)
                        throw Error("parameter clusters: level " + std::to_string(l + 1) + " needs 1 to " +
                                    std::to_string(items) + " clusters");
                }
                const auto hierarchy = select::hierarchicalKMeans(X, hp, kmeansFn, progress);
                select::HierarchicalSamplingParams sp;
                sp.leaf = leaf == "random" ? select::LeafStrategy::Random : select::LeafStrategy::Closest;
                sp.seed = seed;
                out.rows = select::hierarchicalSampling(hierarchy, budget, sp);
                for (auto r : out.rows)
                    out.scores.push_back(static_cast<double>(hierarchy.front().assignment[static_cast<std::size_t>(r)]));
                out.info["levels"] = hp.clusters;
            }
        } else if (method == "target") {
            const std::string tag = params.text("tag", ""), dataset = params.text("dataset", "");
            const std::string subset = params.text("subset", ""), reference = params.text("reference", "");
            params.checkAllUsed(method);
            select::Matrix R;
            if (!reference.empty()) {
                R = select::loadNpy(reference);
            } else {
                if (!data.catalog) throw Error("method target on a bare matrix needs reference=FILE.npy");
                catalog::SampleFilter f;
                f.status = catalog::SampleStatus::Ok;
                int given = 0;
                if (!tag.empty()) f.tag = tag, ++given;
                if (!subset.empty()) f.subset = subset, ++given;
                if (!dataset.empty()) {
                    auto d = data.catalog->dataset(dataset);
                    if (!d) throw Error("the project has no dataset '" + dataset + "'");
                    f.datasetId = d->id;
                    ++given;
                }
                if (given != 1) throw Error("method target needs exactly one of tag=, dataset= or subset=");
                std::vector<std::int64_t> missing;
                R = loadEmbeddings(*data.catalog, data.embedder, data.catalog->sampleIds(f), &missing).X;
                if (!missing.empty())
                    throw Error(std::to_string(missing.size()) + " reference samples have no '" + data.embedder + "' embedding");
            }
            if (R.rows == 0) throw Error("method target: the reference set is empty");
            if (R.cols != X.cols) throw Error("method target: the references have " + std::to_string(R.cols) +
                                              " dimensions, the pool " + std::to_string(X.cols));
            select::normalizeRows(R);
            const select::Matrix Y = normalizedCopy(data);
            const auto r = select::targetMatch(Y, R, budget, select::TargetMatchParams{}, progress);
            out.rows = r.selected;
            out.scores = r.score;
            out.info["references"] = R.rows;
            out.info["exhausted"] = r.exhausted;
        } else if (method == "label-balance") {
            params.checkAllUsed(method);
            const auto& samples = data.poolSamples();
            std::map<std::string, int> labelIndex;
            for (const auto& s : samples) labelIndex.emplace(s.label, 0);
            int next = 0;
            for (auto& [label, index] : labelIndex) index = next++;
            std::vector<int> assignment;
            assignment.reserve(samples.size());
            for (const auto& s : samples) assignment.push_back(labelIndex[s.label]);
            select::LabelBalanceParams lp;
            lp.seed = seed;
            out.rows = select::labelBalanced(assignment, budget, lp);
            for (auto r : out.rows) out.scores.push_back(static_cast<double>(assignment[static_cast<std::size_t>(r)]));
            out.info["labels"] = static_cast<std::int64_t>(labelIndex.size());
        } else if (method == "dedup-exact") {
            params.checkAllUsed(method);
            std::vector<std::string> key;
            for (const auto& s : data.poolSamples()) key.push_back(s.sha512.empty() ? "#" + std::to_string(s.id) : s.sha512);
            out = keepFirstPerGroup(key, size, "removed");
        } else if (method == "dedup-near") {
            const std::int64_t d = params.integer("max_distance", 10);
            if (d < 0 || d > 64) throw Error("parameter max_distance must be 0-64");
            params.checkAllUsed(method);
            const auto& samples = data.poolSamples();
            std::vector<std::uint64_t> codes;
            codes.reserve(samples.size());
            for (const auto& s : samples) codes.push_back(s.phash);
            dup::NearParams np;
            np.maxDistance = static_cast<int>(d);
            const auto pairs = dup::nearPairs(codes, np, progress);
            const auto comp = dup::components(codes.size(), pairs);
            out = keepFirstPerGroup(comp, size, "removed");
            out.info["pairs"] = static_cast<std::int64_t>(pairs.size());
        }
    } catch (const std::invalid_argument& e) {
        throw Error(method + ": " + e.what());
    }
    return out;
}

}  // namespace winnow::curate
