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
    /// Copies bytes [offset, offset + size) of the file into dst with pread: for long runs this beats
    /// copying out of the map, which faults the file in 4 KiB pages. Throws winnow::Error when short.
    void readInto(std::size_t offset, std::size_t size, void* dst, const std::string& path) const {
        auto* out = static_cast<char*>(dst);
        while (size > 0) {
            const ssize_t n = ::pread(m_fd, out, size, static_cast<off_t>(offset));
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0) throw Error("cannot read " + path + ": " + (n < 0 ? errnoText() : std::string("file too short")));
            out += n;
            offset += static_cast<std::size_t>(n);
            size -= static_cast<std::size_t>(n);
        }
    }

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

/// Sizes a fresh vector to n floats, asking for transparent huge pages first. Filling gigabytes of fresh
/// memory costs mostly page faults (on a virtual machine about 5 us each), and 2 MiB pages need 512 times
/// fewer than 4 KiB ones: 1M x 512 floats went from 16 s to about 2 s (bench/embed_bench.py --store-only).
void resizeFresh(std::vector<float>& v, std::size_t n) {
    v.clear();
    v.shrink_to_fit();
    v.reserve(n);
#ifdef MADV_HUGEPAGE
    constexpr std::uintptr_t kHuge = std::uintptr_t(2) << 20;
    const auto begin = reinterpret_cast<std::uintptr_t>(v.data());
    const std::uintptr_t end = begin + n * sizeof(float);
    const std::uintptr_t first = (begin + kHuge - 1) & ~(kHuge - 1);
    if (end >= first + kHuge) ::madvise(reinterpret_cast<void*>(first), (end - first) & ~(kHuge - 1), MADV_HUGEPAGE);
#endif
    v.resize(n);
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
        std::string path;
    };
    std::vector<Source> sources;
    for (const auto& rec : catalog.embeddings(e.id)) {
        if (rec.rows == 0) continue;
        const std::string base = catalog.dataDir() + "/" + rec.file;
        Source s;
        s.path = base + ".f32";
        s.map = std::make_unique<MappedFile>(s.path);
        if (s.map->size() < std::size_t(rec.rows) * rowBytes)
            throw Error(base + ".f32 holds fewer vectors than the catalog records (" + std::to_string(rec.rows) +
                        "); run `winnow-cli embed` again to repair it");
        s.ids = readIds(base + ".ids", rec.rows);
        sources.push_back(std::move(s));
    }
    if (!ids) {
        // Every vector whose sample still exists, in file order: runs of consecutive kept rows are read
        // straight into the table (one pread per run; one per file when no sample was deleted).
        const auto existing = existingSampleIds(catalog);
        std::size_t kept = 0;
        for (const auto& s : sources)
            for (auto id : s.ids) kept += existing.count(id);
        resizeFresh(table.X.data, kept * std::size_t(e.dim));
        table.ids.reserve(kept);
        char* dst = reinterpret_cast<char*>(table.X.data.data());
        for (const auto& s : sources) {
            std::size_t r = 0;
            while (r < s.ids.size()) {
                if (!existing.count(s.ids[r])) {
                    ++r;
                    continue;
                }
                std::size_t end = r;
                while (end < s.ids.size() && existing.count(s.ids[end])) table.ids.push_back(s.ids[end++]);
                s.map->readInto(r * rowBytes, (end - r) * rowBytes, dst, s.path);
                dst += (end - r) * rowBytes;
                r = end;
            }
        }
    } else {
        std::unordered_map<std::int64_t, std::pair<int, std::size_t>> where;
        for (std::size_t si = 0; si < sources.size(); ++si)
            for (std::size_t r = 0; r < sources[si].ids.size(); ++r)
                where[sources[si].ids[r]] = {static_cast<int>(si), r};  // a later row (re-embedded) wins
        std::vector<std::pair<int, std::size_t>> rows;
        rows.reserve(ids->size());
        table.ids.reserve(ids->size());
        for (auto id : *ids) {
            auto it = where.find(id);
            if (it == where.end()) {
                if (missing) missing->push_back(id);
                continue;
            }
            rows.push_back(it->second);
            table.ids.push_back(id);
        }
        resizeFresh(table.X.data, rows.size() * std::size_t(e.dim));
        char* dst = reinterpret_cast<char*>(table.X.data.data());
        for (const auto& [si, r] : rows) {
            std::memcpy(dst, sources[static_cast<std::size_t>(si)].map->data() + r * rowBytes, rowBytes);
            dst += rowBytes;
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
    // Cached k-NN graphs and layouts (curate/layouts.cpp) live in folders of their own, with any file a
    // killed run left there.
    fs::remove_all(catalog.dataDir() + "/graphs/" + e.name, ec);
    fs::remove_all(catalog.dataDir() + "/layouts/" + e.name, ec);
}

}  // namespace winnow::curate
