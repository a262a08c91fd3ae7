// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <algorithm>
#include <iostream>
#include <map>
#include <numeric>

#include <nlohmann/json.hpp>

#include "commands.h"
#include "signalprogress.h"
#include "common/error.h"
#include "select/kcenter.h"
#include "select/matrix.h"
#include "select/outliers.h"
#include "select/random.h"
#include "select/typicality.h"

namespace winnow::cli {

namespace {

/// --param key=value pairs, each key allowed once and each one used by the method.
class Params {
public:
    explicit Params(const std::vector<std::string>& raw) {
        for (const auto& kv : raw) {
            const auto eq = kv.find('=');
            if (eq == std::string::npos || eq == 0) throw UsageError{"--param needs key=value, not '" + kv + "'"};
            if (!m_values.emplace(kv.substr(0, eq), kv.substr(eq + 1)).second)
                throw UsageError{"--param " + kv.substr(0, eq) + " given twice"};
        }
    }
    std::string text(const std::string& key, const std::string& fallback) {
        m_used.push_back(key);
        auto it = m_values.find(key);
        return it == m_values.end() ? fallback : it->second;
    }
    double number(const std::string& key, double fallback) {
        const std::string v = text(key, "");
        if (v.empty()) return fallback;
        try {
            std::size_t used = 0;
            const double d = std::stod(v, &used);
            if (used != v.size()) throw std::invalid_argument(v);
            return d;
        } catch (const std::exception&) {
            throw UsageError{"--param " + key + " must be a number, not '" + v + "'"};
        }
    }
    /// Throws for keys the method does not know.
    void checkAllUsed(const std::string& method) const {
        for (const auto& [key, value] : m_values)
            if (std::find(m_used.begin(), m_used.end(), key) == m_used.end())
                throw UsageError{"method " + method + " has no parameter '" + key + "'"};
    }
    nlohmann::json json() const {
        nlohmann::json j = nlohmann::json::object();
        for (const auto& [key, value] : m_values) j[key] = value;
        return j;
    }

private:
    std::map<std::string, std::string> m_values;
    std::vector<std::string> m_used;
};

/// The `size` indices of highest score, highest first, lowest index on ties.
std::vector<std::int64_t> topByScore(const std::vector<double>& score, std::int64_t size) {
    std::vector<std::int64_t> order(score.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](auto a, auto b) { return score[a] > score[b]; });
    order.resize(static_cast<std::size_t>(std::min<std::int64_t>(size, static_cast<std::int64_t>(order.size()))));
    return order;
}

}  // namespace

int runSelect(const Args& args) {
    const auto path = args.value("embeddings");
    if (!path) {
        throw UsageError{"--embeddings FILE.npy is required (selection inside a project comes with stored "
                         "embeddings)"};
    }
    const std::string method = args.value("method", "");
    if (method.empty()) throw UsageError{"--method is required"};
    const std::int64_t size = args.integer("size", -1, 0, 1LL << 40);
    if (size < 0) throw UsageError{"--size is required"};
    const auto seed = static_cast<std::uint64_t>(args.integer("seed", 0, 0, (1LL << 62)));
    Params params(args.values("param"));

    select::Matrix x = select::loadNpy(*path);
    if (args.has("normalize")) select::normalizeRows(x);
    SignalProgress progress;
    std::vector<std::int64_t> picks;
    std::vector<double> scores;
    try {
        if (method == "random") {
            params.checkAllUsed(method);
            picks = select::randomSubset(x.rows, size, seed);
            scores.assign(picks.size(), 0.0);
        } else if (method == "coreset") {
            select::KCenterParams kc;
            const std::string start = params.text("start", "");
            kc.first = static_cast<std::int64_t>(params.number("first", 0));
            if (start == "random" && x.rows > 0) kc.first = select::randomSubset(x.rows, 1, seed).front();
            else if (!start.empty()) throw UsageError{"--param start must be 'random'"};
            params.checkAllUsed(method);
            picks = select::kCenterGreedy(x, size, kc, progress, &scores);
        } else if (method == "typicality") {
            const int k = static_cast<int>(params.number("k", 20));
            const bool squared = params.text("variant", "mean") == "squared";
            params.checkAllUsed(method);
            const auto typ = select::typicality(x, std::min<std::int64_t>(k, std::max<std::int64_t>(x.rows - 1, 1)), squared);
            picks = topByScore(typ, size);
            for (auto i : picks) scores.push_back(typ[i]);
        } else if (method == "typicality-diversity") {
            select::TypicalityDiversityParams td;
            td.k = static_cast<int>(params.number("k", 20));
            td.sDiv = params.number("s_div", 1);
            td.sTyp = params.number("s_typ", 1);
            td.minDistance = params.number("min_distance", 0);
            td.squared = params.text("variant", "mean") == "squared";
            params.checkAllUsed(method);
            std::vector<double> typ;
            picks = select::typicalityDiversity(x, size, td, progress, &typ);
            for (auto i : picks) scores.push_back(typ[i]);
        } else if (method == "outliers") {
            const int k = static_cast<int>(params.number("k", 20));
            params.checkAllUsed(method);
            // One kNN pass: order the scores here (highest first, lowest index on ties, as select::outliers).
            const auto score = select::outlierScores(x, std::min<std::int64_t>(k, std::max<std::int64_t>(x.rows - 1, 1)));
            picks = topByScore(score, size);
            for (auto i : picks) scores.push_back(score[i]);
        } else {
            throw UsageError{"unknown method '" + method +
                             "' (available: random, coreset, typicality, typicality-diversity, outliers)"};
        }
    } catch (const std::invalid_argument& e) {
        throw Error(e.what());
    }

    if (args.json()) {
        nlohmann::json selected = nlohmann::json::array();
        for (std::size_t r = 0; r < picks.size(); ++r)
            selected.push_back({{"rank", r}, {"index", picks[r]}, {"score", scores[r]}});
        printJson({{"method", method},
                   {"rows", x.rows},
                   {"cols", x.cols},
                   {"size", picks.size()},
                   {"seed", seed},
                   {"normalized", args.has("normalize")},
                   {"params", params.json()},
                   {"selected", selected}});
        return kOk;
    }
    for (std::size_t r = 0; r < picks.size(); ++r) std::cout << picks[r] << '\t' << scores[r] << '\n';
    return kOk;
}

}  // namespace winnow::cli
