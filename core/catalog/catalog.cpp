// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "catalog/catalog.h"

#include <algorithm>
#include <chrono>
#include <filesystem>

#include "catalog/database.h"
#include "catalog/samplequery.h"
#include "catalog/schema.h"
#include "catalog/thumbnailpack.h"
#include "common/error.h"

namespace winnow::catalog {

namespace fs = std::filesystem;

namespace {
std::int64_t nowSeconds() {
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

std::string limitClause(std::int64_t offset, std::int64_t limit) {
    if (limit < 0 && offset <= 0) return {};
    return " LIMIT " + std::to_string(limit < 0 ? -1 : limit) + " OFFSET " + std::to_string(offset);
}
}  // namespace

Catalog Catalog::create(const std::string& path) {
    std::error_code ec;
    if (fs::exists(path, ec)) throw Error("cannot create " + path + ": the file exists");
    const fs::path parent = fs::absolute(path).parent_path();
    if (!fs::is_directory(parent, ec)) throw Error("cannot create " + path + ": no such folder " + parent.string());
    auto db = std::make_unique<Database>(path, false, true);
    db->exec("PRAGMA application_id = " + std::to_string(kApplicationId));
    migrate(*db);
    auto st = db->prepare("INSERT INTO project(key, value) VALUES (?, ?)");
    st.bind(1, "created").bind(2, std::to_string(nowSeconds())).run();
    // Checkpoint so the header (application_id) is in the main file for checkProjectHeader.
    db->exec("PRAGMA wal_checkpoint(TRUNCATE)");
    return Catalog(std::move(db));
}

Catalog Catalog::open(const std::string& path, Mode mode) {
    checkProjectHeader(path);
    auto db = std::make_unique<Database>(path, mode == Mode::ReadOnly, false);
    migrate(*db);
    return Catalog(std::move(db));
}

Catalog::Catalog(std::unique_ptr<Database> db) : m_db(std::move(db)) {}
Catalog::Catalog(Catalog&&) noexcept = default;
Catalog& Catalog::operator=(Catalog&&) noexcept = default;
Catalog::~Catalog() = default;

const std::string& Catalog::path() const { return m_db->path(); }
std::string Catalog::dataDir() const { return m_db->path() + ".d"; }
int Catalog::schemaVersion() const { return static_cast<int>(m_db->scalar("PRAGMA user_version")); }
Database& Catalog::database() const { return *m_db; }

// --- datasets ---

namespace {
const char* const kDatasetSelect =
    "SELECT d.id, d.name, d.source, d.format, d.created, "
    "(SELECT COUNT(*) FROM samples s WHERE s.dataset_id = d.id AND s.status = 1), "
    "(SELECT COUNT(*) FROM samples s WHERE s.dataset_id = d.id AND s.status = 2) FROM datasets d";

Dataset readDataset(const Statement& st) {
    Dataset d;
    d.id = st.int64(0);
    d.name = st.text(1);
    d.source = st.text(2);
    d.format = st.text(3);
    d.created = st.int64(4);
    d.imported = st.int64(5);
    d.failed = st.int64(6);
    return d;
}
}  // namespace

std::vector<Dataset> Catalog::datasets() const {
    auto st = m_db->prepare(std::string(kDatasetSelect) + " ORDER BY d.id");
    std::vector<Dataset> out;
    while (st.step()) out.push_back(readDataset(st));
    return out;
}

std::optional<Dataset> Catalog::dataset(const std::string& name) const {
    auto st = m_db->prepare(std::string(kDatasetSelect) + " WHERE d.name = ?");
    st.bind(1, name);
    if (!st.step()) return std::nullopt;
    return readDataset(st);
}

std::optional<Dataset> Catalog::dataset(std::int64_t id) const {
    auto st = m_db->prepare(std::string(kDatasetSelect) + " WHERE d.id = ?");
    st.bind(1, id);
    if (!st.step()) return std::nullopt;
    return readDataset(st);
}

std::int64_t Catalog::ensureDataset(const std::string& name, const std::string& source,
                                    const std::string& format) {
    if (auto d = dataset(name)) return d->id;
    auto st = m_db->prepare("INSERT INTO datasets(name, source, format, created) VALUES (?, ?, ?, ?)");
    st.bind(1, name).bind(2, source).bind(3, format).bind(4, nowSeconds()).run();
    return m_db->lastInsertRowid();
}

// --- samples ---

std::int64_t Catalog::countSamples(const SampleFilter& filter) const {
    SampleQuery q(filter);
    auto st = m_db->prepare("SELECT COUNT(*) FROM samples s" + q.where);
    q.bind(st);
    return st.step() ? st.int64(0) : 0;
}

std::vector<std::int64_t> Catalog::sampleIds(const SampleFilter& filter, std::int64_t offset,
                                             std::int64_t limit) const {
    SampleQuery q(filter);
    auto st = m_db->prepare("SELECT s.id FROM samples s" + q.where + q.order + limitClause(offset, limit));
    q.bind(st);
    std::vector<std::int64_t> out;
    while (st.step()) out.push_back(st.int64(0));
    return out;
}

std::vector<Sample> Catalog::samples(const SampleFilter& filter, std::int64_t offset, std::int64_t limit) const {
    SampleQuery q(filter);
    auto st = m_db->prepare(std::string("SELECT ") + kSampleColumns + " FROM samples s" + q.where + q.order +
                            limitClause(offset, limit));
    q.bind(st);
    std::vector<Sample> out;
    while (st.step()) out.push_back(readSample(st));
    return out;
}

std::optional<Sample> Catalog::sample(std::int64_t id) const {
    auto st = m_db->prepare(std::string("SELECT ") + kSampleColumns + " FROM samples s WHERE s.id = ?");
    st.bind(1, id);
    if (!st.step()) return std::nullopt;
    return readSample(st);
}

std::vector<Sample> Catalog::samplesByIds(const std::vector<std::int64_t>& ids) const {
    auto st = m_db->prepare(std::string("SELECT ") + kSampleColumns + " FROM samples s WHERE s.id = ?");
    std::vector<Sample> out;
    out.reserve(ids.size());
    for (auto id : ids) {
        st.reset();
        st.bind(1, id);
        if (st.step()) out.push_back(readSample(st));
    }
    return out;
}

namespace {
std::vector<std::string> distinct(Database& db, const char* column) {
    auto st = db.prepare(std::string("SELECT DISTINCT ") + column + " FROM samples WHERE status = 1 AND " +
                         column + " <> '' ORDER BY " + column);
    std::vector<std::string> out;
    while (st.step()) out.push_back(st.text(0));
    return out;
}
}  // namespace

std::vector<std::string> Catalog::splits() const { return distinct(*m_db, "split"); }
std::vector<std::string> Catalog::labels() const { return distinct(*m_db, "label"); }

std::optional<Thumbnail> Catalog::thumbnail(std::int64_t sampleId) const {
    auto st = m_db->prepare("SELECT width, height, jpeg, pack_offset, pack_size FROM thumbnails WHERE sample_id = ?");
    st.bind(1, sampleId);
    if (!st.step()) return std::nullopt;
    Thumbnail t;
    t.sampleId = sampleId;
    t.width = static_cast<int>(st.int64(0));
    t.height = static_cast<int>(st.int64(1));
    const std::int64_t packOffset = st.int64(3);
    if (packOffset < 0) {
        t.jpeg = st.blob(2);  // written before schema 3: inline
        return t;
    }
    if (!m_thumbnailPack) m_thumbnailPack = std::make_unique<ThumbnailPack>(dataDir());
    // A pack that lost its bytes (deleted, or cut short outside Winnow) reads as "no thumbnail".
    if (!m_thumbnailPack->read(packOffset, st.int64(4), t.jpeg)) return std::nullopt;
    return t;
}

void Catalog::phashes(std::vector<std::int64_t>& ids, std::vector<std::uint64_t>& hashes,
                      std::optional<std::int64_t> datasetId) const {
    ids.clear();
    hashes.clear();
    std::string sql = "SELECT id, phash FROM samples WHERE status = 1";
    if (datasetId) sql += " AND dataset_id = " + std::to_string(*datasetId);
    auto st = m_db->prepare(sql + " ORDER BY id");
    while (st.step()) {
        ids.push_back(st.int64(0));
        hashes.push_back(static_cast<std::uint64_t>(st.int64(1)));
    }
}

std::vector<ExactGroup> Catalog::exactDuplicateGroups(std::optional<std::int64_t> datasetId) const {
    std::string scope = "status = 1 AND sha512 <> ''";
    if (datasetId) scope += " AND dataset_id = " + std::to_string(*datasetId);
    auto st = m_db->prepare(
        "SELECT sha512, id FROM samples WHERE " + scope + " AND sha512 IN (SELECT sha512 FROM samples WHERE " +
        scope + " GROUP BY sha512 HAVING COUNT(*) > 1) ORDER BY sha512, id");
    std::vector<ExactGroup> groups;
    while (st.step()) {
        std::string sha = st.text(0);
        if (groups.empty() || groups.back().sha512 != sha) groups.push_back({std::move(sha), {}});
        groups.back().sampleIds.push_back(st.int64(1));
    }
    std::sort(groups.begin(), groups.end(), [](const ExactGroup& a, const ExactGroup& b) {
        return a.sampleIds.front() < b.sampleIds.front();
    });
    return groups;
}

std::int64_t Catalog::deleteSamples(const std::vector<std::int64_t>& ids) {
    Transaction tx(*m_db);
    auto st = m_db->prepare("DELETE FROM samples WHERE id = ?");
    std::int64_t n = 0;
    for (auto id : ids) {
        st.reset();
        st.bind(1, id).run();
        n += m_db->changes();
    }
    tx.commit();
    return n;
}

std::string Catalog::integrityCheck() const {
    auto st = m_db->prepare("PRAGMA integrity_check");
    std::string out;
    while (st.step()) {
        if (!out.empty()) out += '\n';
        out += st.text(0);
    }
    return out;
}

}  // namespace winnow::catalog
