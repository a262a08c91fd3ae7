// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Catalog: tags and subsets (the small, synchronous edits).
#include <chrono>

#include "catalog/catalog.h"
#include "catalog/database.h"
#include "common/error.h"

namespace winnow::catalog {

std::vector<Tag> Catalog::tags() const {
    auto st = database().prepare(
        "SELECT t.id, t.name, (SELECT COUNT(*) FROM sample_tags st WHERE st.tag_id = t.id) FROM tags t "
        "ORDER BY t.name");
    std::vector<Tag> out;
    while (st.step()) out.push_back({st.int64(0), st.text(1), st.int64(2)});
    return out;
}

std::vector<std::string> Catalog::tagsOf(std::int64_t sampleId) const {
    auto st = database().prepare(
        "SELECT t.name FROM tags t JOIN sample_tags st ON st.tag_id = t.id WHERE st.sample_id = ? "
        "ORDER BY t.name");
    st.bind(1, sampleId);
    std::vector<std::string> out;
    while (st.step()) out.push_back(st.text(0));
    return out;
}

std::vector<std::int64_t> Catalog::addTag(const std::string& tag, const std::vector<std::int64_t>& ids) {
    if (tag.empty()) throw Error("a tag needs a name");
    Database& db = database();
    Transaction tx(db);
    db.prepare("INSERT OR IGNORE INTO tags(name) VALUES (?)").bind(1, tag).run();
    auto idSt = db.prepare("SELECT id FROM tags WHERE name = ?");
    idSt.bind(1, tag);
    idSt.step();
    const std::int64_t tagId = idSt.int64(0);
    auto ins = db.prepare("INSERT OR IGNORE INTO sample_tags(tag_id, sample_id) VALUES (?, ?)");
    std::vector<std::int64_t> added;
    for (auto id : ids) {
        ins.reset();
        ins.bind(1, tagId).bind(2, id).run();
        if (db.changes() > 0) added.push_back(id);
    }
    tx.commit();
    return added;
}

std::vector<std::int64_t> Catalog::removeTag(const std::string& tag, const std::vector<std::int64_t>& ids) {
    Database& db = database();
    Transaction tx(db);
    auto del = db.prepare(
        "DELETE FROM sample_tags WHERE tag_id = (SELECT id FROM tags WHERE name = ?) AND sample_id = ?");
    std::vector<std::int64_t> removed;
    for (auto id : ids) {
        del.reset();
        del.bind(1, tag).bind(2, id).run();
        if (db.changes() > 0) removed.push_back(id);
    }
    tx.commit();
    return removed;
}

namespace {
const char* const kSubsetSelect =
    "SELECT u.id, u.name, u.method, u.params, u.seed, u.created, "
    "(SELECT COUNT(*) FROM subset_members m WHERE m.subset_id = u.id) FROM subsets u";

Subset readSubset(const Statement& st) {
    Subset s;
    s.id = st.int64(0);
    s.name = st.text(1);
    s.method = st.text(2);
    s.paramsJson = st.text(3);
    s.seed = st.int64(4);
    s.created = st.int64(5);
    s.size = st.int64(6);
    return s;
}
}  // namespace

std::vector<Subset> Catalog::subsets() const {
    auto st = database().prepare(std::string(kSubsetSelect) + " ORDER BY u.id");
    std::vector<Subset> out;
    while (st.step()) out.push_back(readSubset(st));
    return out;
}

std::optional<Subset> Catalog::subset(const std::string& name) const {
    auto st = database().prepare(std::string(kSubsetSelect) + " WHERE u.name = ?");
    st.bind(1, name);
    if (!st.step()) return std::nullopt;
    return readSubset(st);
}

std::vector<SubsetMember> Catalog::subsetMembers(std::int64_t subsetId) const {
    auto st = database().prepare(
        "SELECT sample_id, rank, score FROM subset_members WHERE subset_id = ? ORDER BY rank");
    st.bind(1, subsetId);
    std::vector<SubsetMember> out;
    while (st.step()) out.push_back({st.int64(0), st.int64(1), st.real(2)});
    return out;
}

std::int64_t Catalog::saveSubset(const Subset& subset, const std::vector<SubsetMember>& members) {
    if (subset.name.empty()) throw Error("a subset needs a name");
    Database& db = database();
    Transaction tx(db);
    if (this->subset(subset.name)) throw Error("a subset named '" + subset.name + "' exists already");
    const auto now = std::chrono::duration_cast<std::chrono::seconds>(
                         std::chrono::system_clock::now().time_since_epoch())
                         .count();
    db.prepare("INSERT INTO subsets(name, method, params, seed, created) VALUES (?, ?, ?, ?, ?)")
        .bind(1, subset.name)
        .bind(2, subset.method)
        .bind(3, subset.paramsJson.empty() ? std::string("{}") : subset.paramsJson)
        .bind(4, subset.seed)
        .bind(5, static_cast<std::int64_t>(now))
        .run();
    const std::int64_t id = db.lastInsertRowid();
    auto ins = db.prepare("INSERT INTO subset_members(subset_id, sample_id, rank, score) VALUES (?, ?, ?, ?)");
    for (const auto& m : members) {
        ins.reset();
        ins.bind(1, id).bind(2, m.sampleId).bind(3, m.rank).bind(4, m.score).run();
    }
    tx.commit();
    return id;
}

void Catalog::deleteSubset(const std::string& name) {
    database().prepare("DELETE FROM subsets WHERE name = ?").bind(1, name).run();
}

}  // namespace winnow::catalog
