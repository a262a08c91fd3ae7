// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "catalog/catalog.h"
#include "common/progress.h"
#include "select/matrix.h"

namespace winnow::curate {

/// Method parameters as text (from --param key=value or a recipe's JSON values); every key must be read
/// by the method, so a misspelt key is an error rather than silently ignored.
class MethodParams {
public:
    MethodParams() = default;
    /// From "key=value" strings; throws winnow::Error for a malformed or repeated pair.
    static MethodParams fromPairs(const std::vector<std::string>& pairs);
    /// From a JSON object of scalars (numbers, strings, booleans). Throws winnow::Error otherwise.
    static MethodParams fromJson(const nlohmann::json& object);

    std::string text(const std::string& key, const std::string& fallback);
    double number(const std::string& key, double fallback);
    std::int64_t integer(const std::string& key, std::int64_t fallback);
    bool flag(const std::string& key, bool fallback);
    bool has(const std::string& key) const { return m_values.count(key) != 0; }
    /// Throws winnow::Error naming the first key the method did not read.
    void checkAllUsed(const std::string& method) const;
    /// The parameters as a JSON object (numbers stay numbers where they parse as such).
    nlohmann::json json() const;

private:
    std::map<std::string, std::string> m_values;
    std::vector<std::string> m_used;
};

/// What the GUI and the docs say about a method.
struct ParamInfo {
    std::string key;
    std::string defaultValue;
    std::string help;
};

struct MethodInfo {
    std::string name;
    std::string summary;          ///< one sentence in plain words
    std::vector<ParamInfo> params;
    bool needsEmbeddings = true;  ///< false: works on the catalog alone
    bool needsProject = false;    ///< true: needs catalog data (hashes, labels), not available on a bare .npy
    bool sizeOptional = false;    ///< true: without a size it keeps what it finds (dedup methods)
};

/// Every selection method, in the order the GUI lists them.
const std::vector<MethodInfo>& selectionMethods();
const MethodInfo* findMethod(const std::string& name);

/// The pool a method selects from: row r is sample ids[r] (project mode) or row r of a bare matrix.
struct SelectionData {
    select::Matrix X;                    ///< pool embeddings (empty when the method needs none)
    bool normalized = false;             ///< rows are unit length
    std::vector<std::int64_t> ids;       ///< sample ids of the rows (empty for a bare matrix)
    const catalog::Catalog* catalog = nullptr;  ///< null for a bare matrix
    std::string embedder;                ///< name of the embedder of X ("" for a bare matrix)
    /// Samples of ids, filled on first use by methods that need catalog data.
    std::vector<catalog::Sample> samples;
    const std::vector<catalog::Sample>& poolSamples();
};

/// A method's result: pool rows in selection order with a score each.
struct MethodOutput {
    std::vector<std::int64_t> rows;
    std::vector<double> scores;
    nlohmann::json info = nlohmann::json::object();  ///< what the method measured or decided
};

/// Typicality (or its squared variant) or outlier scores of every row of X (the pool's embeddings, or a
/// normalised copy) with K nearest neighbours: an exact scan up to 20,000 rows; above, the project's cached
/// k-NN graph (curate/layouts.h) when the pool is exactly the embeddings it was built for, otherwise a FAISS
/// graph (exact or IVF with its measured recall). info receives "knn" and, from a graph, "knn_recall".
std::vector<double> knnScores(const SelectionData& data, const select::Matrix& X, int k, bool outlier, bool squared,
                              Progress& progress, nlohmann::json& info);

/// Runs a selection method. size < 0 means "no size given" (allowed only when sizeOptional). A size above
/// the pool is clamped. Throws winnow::Error for an unknown method or bad parameters, winnow::Canceled.
MethodOutput runMethod(const std::string& method, SelectionData& data, MethodParams& params, std::int64_t size,
                       std::uint64_t seed, Progress& progress = nullProgress());

}  // namespace winnow::curate
