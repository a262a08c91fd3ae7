// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "curate/embeddingstore.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <unordered_map>
#include <unordered_set>

#include "common/error.h"

namespace winnow::curate {

namespace fs = std::filesystem;

namespace {
std::string errnoText() { return std::strerror(errno); }

int openFile(const std::string& path, int flags) {
    const int fd = ::open(path.c_str(), flags | O_CLOEXEC, 0644);
    if (fd < 0) throw Error("cannot open " + path + ": " + errnoText());
    return fd;
}

void writeAll(int fd, const void* data, std::size_t size, const std::string& path) {
    const auto* p = static_cast<const char*>(data);
    while (size > 0) {
        const ssize_t n = ::write(fd, p, size);
        if (n < 0) {
            if (errno == EINTR) continue;
            throw Error("cannot write " + path + ": " + errnoText());
        }
        p += n;
        size -= static_cast<std::size_t>(n);
    }
}

/// A read-only memory map of a whole file (empty files map to nothing).
class MappedFile {
public:
    explicit MappedFile(const std::string& path) {
        m_fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
        if (m_fd < 0) throw Error("cannot open " + path + ": " + errnoText());
        struct stat st {};
        if (::fstat(m_fd, &st) != 0) throw Error("cannot stat " + path + ": " + errnoText());
        m_size = static_cast<std::size_t>(st.st_size);
        if (m_size > 0) {
            m_data = ::mmap(nullptr, m_size, PROT_READ, MAP_SHARED, m_fd, 0);
            if (m_data == MAP_FAILED) {
                m_data = nullptr;
                ::close(m_fd);
                throw Error("cannot map " + path + ": " + errnoText());
            }
            ::madvise(m_data, m_size, MADV_SEQUENTIAL);
        }
    }
    MappedFile(const MappedFile&) = delete;
    MappedFile& operator=(const MappedFile&) = delete;
    ~MappedFile() {
        if (m_data) ::munmap(m_data, m_size);
        if (m_fd >= 0) ::close(m_fd);
    }
    const char* data() const { return static_cast<const char*>(m_data); }
    std::size_t size() const { return m_size; }

private:
    int m_fd = -1;
    void* m_data = nullptr;
    std::size_t m_size = 0;
};

std::vector<std::int64_t> readIds(const std::string& path, std::int64_t rows) {
    std::vector<std::int64_t> ids(static_cast<std::size_t>(rows));
    if (rows == 0) return ids;
    const int fd = openFile(path, O_RDONLY);
    const std::size_t want = ids.size() * sizeof(std::int64_t);
    std::size_t got = 0;
    while (got < want) {
        const ssize_t n = ::pread(fd, reinterpret_cast<char*>(ids.data()) + got, want - got, static_cast<off_t>(got));
        if (n <= 0) {
            ::close(fd);
            throw Error(path + " holds fewer sample ids than the catalog records (" + std::to_string(rows) +
                        "); run `winnow-cli embed` again to repair it");
        }
        got += static_cast<std::size_t>(n);
    }
    ::close(fd);
    return ids;
}

catalog::EmbedderRecord requireEmbedder(const catalog::Catalog& catalog, const std::string& name) {
    auto e = catalog.embedder(name);
    if (!e) {
        std::string known;
        for (const auto& r : catalog.embedders()) known += (known.empty() ? "" : ", ") + r.name;
        throw Error("the project has no embeddings from '" + name + "'" +
                    (known.empty() ? std::string(" (none yet: run `winnow-cli embed PROJECT`)")
                                   : " (it has: " + known + ")"));
    }
    return *e;
}

std::unordered_set<std::int64_t> existingSampleIds(const catalog::Catalog& catalog) {
    std::unordered_set<std::int64_t> out;
    for (auto id : catalog.sampleIds()) out.insert(id);
    return out;
}
}  // namespace

bool isValidEmbedderName(const std::string& name) {
    if (name.empty() || name.size() > 64 || name.front() == '.') return false;
    for (char c : name)
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
              c == '-'))
            return false;
    return true;
}

std::string embeddingStem(const std::string& embedderName, std::int64_t datasetId) {
    return "embeddings/" + embedderName + "/ds" + std::to_string(datasetId);
}

EmbeddingWriter::EmbeddingWriter(catalog::Catalog& catalog, std::int64_t datasetId,
                                 const catalog::EmbedderRecord& embedder)
    : m_catalog(catalog), m_dim(embedder.dim) {
    if (m_dim <= 0) throw Error("embedder '" + embedder.name + "' has no dimension");
    auto existing = catalog.embedding(datasetId, embedder.id);
    if (existing) {
        m_record = *existing;
    } else {
        m_record.datasetId = datasetId;
        m_record.embedderId = embedder.id;
        m_record.file = embeddingStem(embedder.name, datasetId);
        m_record.rows = 0;
    }
    const std::string base = catalog.dataDir() + "/" + m_record.file;
    fs::create_directories(fs::path(base).parent_path());
    m_fdRows = openFile(base + ".f32", O_RDWR | O_CREAT);
    m_fdIds = openFile(base + ".ids", O_RDWR | O_CREAT);
    struct stat st {};
    ::fstat(m_fdRows, &st);
    const std::int64_t rowBytes = std::int64_t(m_dim) * 4;
    if (st.st_size < m_record.rows * rowBytes)
        throw Error(base + ".f32 holds fewer vectors than the catalog records; remove the embedder and embed again");
    m_ids = readIds(base + ".ids", m_record.rows);
    m_committed = m_record.rows;
    // Drop whatever a killed run appended after its last commit.
    if (::ftruncate(m_fdRows, m_record.rows * rowBytes) != 0 || ::ftruncate(m_fdIds, m_record.rows * 8) != 0)
        throw Error("cannot truncate " + base + ": " + errnoText());
    ::lseek(m_fdRows, 0, SEEK_END);
    ::lseek(m_fdIds, 0, SEEK_END);
    if (!existing) m_catalog.putEmbedding(m_record);
}

EmbeddingWriter::~EmbeddingWriter() {
    if (m_fdRows >= 0) ::close(m_fdRows);
    if (m_fdIds >= 0) ::close(m_fdIds);
}

void EmbeddingWriter::append(const std::int64_t* ids, const float* rows, std::size_t n) {
    const std::string base = m_catalog.dataDir() + "/" + m_record.file;
    writeAll(m_fdRows, rows, n * std::size_t(m_dim) * sizeof(float), base + ".f32");
    writeAll(m_fdIds, ids, n * sizeof(std::int64_t), base + ".ids");
    m_ids.insert(m_ids.end(), ids, ids + n);
}

void EmbeddingWriter::commit() {
    if (pendingRows() == 0) return;
    // The rows reach the disk before the catalog says they exist.
    if (::fdatasync(m_fdRows) != 0 || ::fdatasync(m_fdIds) != 0)
        throw Error("cannot flush " + m_record.file + ": " + errnoText());
    m_record.rows = static_cast<std::int64_t>(m_ids.size());
    m_catalog.putEmbedding(m_record);
    m_committed = m_record.rows;
}

EmbeddingTable loadEmbeddings(const catalog::Catalog& catalog, const std::string& embedder,
                              const std::optional<std::vector<std::int64_t>>& ids,
                              std::vector<std::int64_t>* missing) {
    const catalog::EmbedderRecord e = requireEmbedder(catalog, embedder);
    EmbeddingTable table;
    table.embedder = e.name;
    table.normalized = e.normalized;
    table.X.cols = e.dim;
    const std::size_t rowBytes = std::size_t(e.dim) * sizeof(float);

    struct Source {
        std::unique_ptr<MappedFile> map;
        std::vector<std::int64_t> ids;
    };
    std::vector<Source> sources;
    for (const auto& rec : catalog.embeddings(e.id)) {
        if (rec.rows == 0) continue;
        const std::string base = catalog.dataDir() + "/" + rec.file;
        Source s;
        s.map = std::make_unique<MappedFile>(base + ".f32");
        if (s.map->size() < std::size_t(rec.rows) * rowBytes)
            throw Error(base + ".f32 holds fewer vectors than the catalog records (" + std::to_string(rec.rows) +
                        "); run `winnow-cli embed` again to repair it");
        s.ids = readIds(base + ".ids", rec.rows);
        sources.push_back(std::move(s));
    }
    auto copyRow = [&](const Source& s, std::size_t row) {
        const std::size_t at = table.X.data.size();
        table.X.data.resize(at + e.dim);
        std::memcpy(table.X.data.data() + at, s.map->data() + row * rowBytes, rowBytes);
    };
    if (!ids) {
        const auto existing = existingSampleIds(catalog);
        std::size_t total = 0;
        for (const auto& s : sources) total += s.ids.size();
        table.X.data.reserve(total * e.dim);
        table.ids.reserve(total);
        for (const auto& s : sources)
            for (std::size_t r = 0; r < s.ids.size(); ++r) {
                if (!existing.count(s.ids[r])) continue;
                copyRow(s, r);
                table.ids.push_back(s.ids[r]);
            }
    } else {
        std::unordered_map<std::int64_t, std::pair<int, std::size_t>> where;
        for (std::size_t si = 0; si < sources.size(); ++si)
            for (std::size_t r = 0; r < sources[si].ids.size(); ++r)
                where[sources[si].ids[r]] = {static_cast<int>(si), r};  // a later row (re-embedded) wins
        table.X.data.reserve(ids->size() * e.dim);
        table.ids.reserve(ids->size());
        for (auto id : *ids) {
            auto it = where.find(id);
            if (it == where.end()) {
                if (missing) missing->push_back(id);
                continue;
            }
            copyRow(sources[it->second.first], it->second.second);
            table.ids.push_back(id);
        }
    }
    table.X.rows = static_cast<std::int64_t>(table.ids.size());
    return table;
}

std::vector<std::int64_t> embeddedIds(const catalog::Catalog& catalog, const std::string& embedder) {
    const catalog::EmbedderRecord e = requireEmbedder(catalog, embedder);
    std::vector<std::int64_t> out;
    for (const auto& rec : catalog.embeddings(e.id)) {
        auto ids = readIds(catalog.dataDir() + "/" + rec.file + ".ids", rec.rows);
        out.insert(out.end(), ids.begin(), ids.end());
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

void removeEmbedder(catalog::Catalog& catalog, const std::string& embedder) {
    const catalog::EmbedderRecord e = requireEmbedder(catalog, embedder);
    std::vector<std::string> files;
    for (const auto& rec : catalog.embeddings(e.id)) {
        files.push_back(rec.file + ".f32");
        files.push_back(rec.file + ".ids");
    }
    for (const auto& a : catalog.artifacts())
        if (a.embedderId == e.id) files.push_back(a.file);
    if (!e.state.empty()) files.push_back(e.state);
    catalog.deleteEmbedder(e.id);
    std::error_code ec;
    for (const auto& f : files) fs::remove(catalog.dataDir() + "/" + f, ec);
    fs::remove(catalog.dataDir() + "/embeddings/" + e.name, ec);  // only when empty
}

}  // namespace winnow::curate
