// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "curate/methods.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>
#include <unordered_map>

#include "common/error.h"
#include "dup/neardup.h"
#include "select/clusters.h"
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

}  // namespace

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
                const auto typ = select::typicality(X, clampK(k, X.rows), variant == "squared");
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
                const auto score = select::outlierScores(X, clampK(k, X.rows));
                out.rows = topByScore(score, budget);
                for (auto i : out.rows) out.scores.push_back(score[static_cast<std::size_t>(i)]);
            }
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
            out.rows = select::clusterBalanced(assignment, budget, seed);
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
