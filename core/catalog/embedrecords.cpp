// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Catalog: embedders, embedding records, cached artifacts and named per-sample scores (schema version 2).
#include <chrono>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <unordered_map>

#include "catalog/catalog.h"
#include "catalog/database.h"
#include "common/error.h"

namespace winnow::catalog {

namespace {
std::int64_t now() {
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

const char* const kEmbedderSelect =
    "SELECT id, name, identity, dim, normalized, model, state, created FROM embedders";

EmbedderRecord readEmbedder(const Statement& st) {
    EmbedderRecord r;
    r.id = st.int64(0);
    r.name = st.text(1);
    r.identityJson = st.text(2);
    r.dim = static_cast<int>(st.int64(3));
    r.normalized = st.int64(4) != 0;
    r.model = st.text(5);
    r.state = st.text(6);
    r.created = st.int64(7);
    return r;
}

const char* const kEmbeddingSelect =
    "SELECT dataset_id, embedder_id, file, rows, created, updated FROM embeddings";

EmbeddingRecord readEmbedding(const Statement& st) {
    return {st.int64(0), st.int64(1), st.text(2), st.int64(3), st.int64(4), st.int64(5)};
}

const char* const kArtifactSelect = "SELECT id, kind, embedder_id, key, file, info, created FROM artifacts";

Artifact readArtifact(const Statement& st) {
    Artifact a;
    a.id = st.int64(0);
    a.kind = st.text(1);
    a.embedderId = st.isNull(2) ? 0 : st.int64(2);
    a.key = st.text(3);
    a.file = st.text(4);
    a.infoJson = st.text(5);
    a.created = st.int64(6);
    return a;
}
}  // namespace

std::vector<EmbedderRecord> Catalog::embedders() const {
    auto st = database().prepare(std::string(kEmbedderSelect) + " ORDER BY name");
    std::vector<EmbedderRecord> out;
    while (st.step()) out.push_back(readEmbedder(st));
    return out;
}

std::optional<EmbedderRecord> Catalog::embedder(const std::string& name) const {
    auto st = database().prepare(std::string(kEmbedderSelect) + " WHERE name = ?");
    st.bind(1, name);
    if (!st.step()) return std::nullopt;
    return readEmbedder(st);
}

std::optional<EmbedderRecord> Catalog::embedder(std::int64_t id) const {
    auto st = database().prepare(std::string(kEmbedderSelect) + " WHERE id = ?");
    st.bind(1, id);
    if (!st.step()) return std::nullopt;
    return readEmbedder(st);
}

std::int64_t Catalog::addEmbedder(const EmbedderRecord& r) {
    if (r.name.empty()) throw Error("an embedder needs a name");
    if (embedder(r.name)) throw Error("the project already has an embedder named '" + r.name + "'");
    auto st = database().prepare(
        "INSERT INTO embedders(name, identity, dim, normalized, model, state, created) VALUES (?,?,?,?,?,?,?)");
    st.bind(1, r.name).bind(2, r.identityJson).bind(3, r.dim).bind(4, r.normalized ? 1 : 0).bind(5, r.model);
    st.bind(6, r.state).bind(7, r.created ? r.created : now());
    st.run();
    return database().lastInsertRowid();
}

void Catalog::deleteEmbedder(std::int64_t id) {
    Database& db = database();
    Transaction tx(db);
    db.prepare("DELETE FROM artifacts WHERE embedder_id = ?").bind(1, id).run();
    db.prepare("DELETE FROM embeddings WHERE embedder_id = ?").bind(1, id).run();
    db.prepare("DELETE FROM embedders WHERE id = ?").bind(1, id).run();
    tx.commit();
}

std::vector<EmbeddingRecord> Catalog::embeddings(std::int64_t embedderId) const {
    auto st = database().prepare(std::string(kEmbeddingSelect) + " WHERE embedder_id = ? ORDER BY dataset_id");
    st.bind(1, embedderId);
    std::vector<EmbeddingRecord> out;
    while (st.step()) out.push_back(readEmbedding(st));
    return out;
}

std::optional<EmbeddingRecord> Catalog::embedding(std::int64_t datasetId, std::int64_t embedderId) const {
    auto st = database().prepare(std::string(kEmbeddingSelect) + " WHERE dataset_id = ? AND embedder_id = ?");
    st.bind(1, datasetId).bind(2, embedderId);
    if (!st.step()) return std::nullopt;
    return readEmbedding(st);
}

void Catalog::putEmbedding(const EmbeddingRecord& r) {
    const std::int64_t t = now();
    auto st = database().prepare(
        "INSERT INTO embeddings(dataset_id, embedder_id, file, rows, created, updated) VALUES (?,?,?,?,?,?) "
        "ON CONFLICT(dataset_id, embedder_id) DO UPDATE SET file = excluded.file, rows = excluded.rows, "
        "updated = excluded.updated");
    st.bind(1, r.datasetId).bind(2, r.embedderId).bind(3, r.file).bind(4, r.rows);
    st.bind(5, r.created ? r.created : t).bind(6, t);
    st.run();
}

std::optional<Artifact> Catalog::artifact(const std::string& kind, std::int64_t embedderId,
                                          const std::string& key) const {
    auto st = database().prepare(std::string(kArtifactSelect) +
                                 " WHERE kind = ? AND IFNULL(embedder_id, 0) = ? AND key = ?");
    st.bind(1, kind).bind(2, embedderId).bind(3, key);
    if (!st.step()) return std::nullopt;
    return readArtifact(st);
}

std::vector<Artifact> Catalog::artifacts(const std::string& kind) const {
    auto st = database().prepare(std::string(kArtifactSelect) + (kind.empty() ? "" : " WHERE kind = ?") +
                                 " ORDER BY id");
    if (!kind.empty()) st.bind(1, kind);
    std::vector<Artifact> out;
    while (st.step()) out.push_back(readArtifact(st));
    return out;
}

std::int64_t Catalog::putArtifact(const Artifact& a) {
    Database& db = database();
    Transaction tx(db);
    db.prepare("DELETE FROM artifacts WHERE kind = ? AND IFNULL(embedder_id, 0) = ? AND key = ?")
        .bind(1, a.kind)
        .bind(2, a.embedderId)
        .bind(3, a.key)
        .run();
    auto st = db.prepare("INSERT INTO artifacts(kind, embedder_id, key, file, info, created) VALUES (?,?,?,?,?,?)");
    st.bind(1, a.kind);
    if (a.embedderId)
        st.bind(2, a.embedderId);
    else
        st.bindNull(2);
    st.bind(3, a.key).bind(4, a.file).bind(5, a.infoJson.empty() ? std::string("{}") : a.infoJson);
    st.bind(6, a.created ? a.created : now());
    st.run();
    const std::int64_t id = db.lastInsertRowid();
    tx.commit();
    return id;
}

void Catalog::deleteArtifact(std::int64_t id) { database().prepare("DELETE FROM artifacts WHERE id = ?").bind(1, id).run(); }

void Catalog::putScores(const std::string& name, const std::vector<std::int64_t>& ids,
                        const std::vector<double>& values) {
    if (ids.size() != values.size()) throw std::invalid_argument("putScores: ids and values differ in length");
    if (name.empty()) throw Error("a score needs a name");
    Database& db = database();
    Transaction tx(db);
    auto st = db.prepare("INSERT OR REPLACE INTO scores(name, sample_id, value) VALUES (?,?,?)");
    for (std::size_t i = 0; i < ids.size(); ++i) {
        if (!std::isfinite(values[i])) continue;  // NaN means "no value": not stored
        st.reset();
        st.bind(1, name).bind(2, ids[i]).bind(3, values[i]).run();
    }
    tx.commit();
}

void Catalog::deleteScores(const std::string& name) {
    database().prepare("DELETE FROM scores WHERE name = ?").bind(1, name).run();
}

std::vector<std::string> Catalog::scoreNames() const {
    // A skip scan over the primary key (name, sample_id): one index seek per name. SELECT DISTINCT reads
    // every row (0.23 s at 4M score rows), and the GUI asks for the names whenever scores or subsets change.
    auto st = database().prepare(
        "WITH RECURSIVE n(name) AS (SELECT MIN(name) FROM scores UNION ALL "
        "SELECT (SELECT MIN(s.name) FROM scores s WHERE s.name > n.name) FROM n WHERE n.name IS NOT NULL) "
        "SELECT name FROM n WHERE name IS NOT NULL");
    std::vector<std::string> out;
    while (st.step()) out.push_back(st.text(0));
    return out;
}

std::vector<std::pair<std::string, double>> Catalog::scoresOf(std::int64_t sampleId) const {
    auto st = database().prepare("SELECT name, value FROM scores WHERE sample_id = ? ORDER BY name");
    st.bind(1, sampleId);
    std::vector<std::pair<std::string, double>> out;
    while (st.step()) out.emplace_back(st.text(0), st.real(1));
    return out;
}

std::vector<double> Catalog::scores(const std::string& name, const std::vector<std::int64_t>& ids) const {
    std::unordered_map<std::int64_t, double> byId;
    auto st = database().prepare("SELECT sample_id, value FROM scores WHERE name = ?");
    st.bind(1, name);
    while (st.step()) byId.emplace(st.int64(0), st.real(1));
    std::vector<double> out(ids.size(), std::numeric_limits<double>::quiet_NaN());
    for (std::size_t i = 0; i < ids.size(); ++i) {
        auto it = byId.find(ids[i]);
        if (it != byId.end()) out[i] = it->second;
    }
    return out;
}

}  // namespace winnow::catalog
