// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ingest/pixelstore.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>

#include "common/error.h"

namespace winnow::ingest {

namespace fs = std::filesystem;

PixelStore::PixelStore(std::string dataDir, std::int64_t datasetId)
    : m_dataDir(std::move(dataDir)), m_datasetId(datasetId) {}

PixelStore::~PixelStore() {
    for (auto& [name, fd] : m_fds) ::close(fd);
}

std::string PixelStore::fileName(std::int64_t datasetId, const std::string& uri) {
    // FNV-1a of the full path keeps two sources with the same file name apart.
    std::uint64_t h = 1469598103934665603ULL;
    for (unsigned char c : uri) h = (h ^ c) * 1099511628211ULL;
    std::string base = fs::path(uri).filename().string();
    if (base.size() > 3 && base.compare(base.size() - 3, 3, ".gz") == 0) base.erase(base.size() - 3);
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(h));
    return "pixels/" + std::to_string(datasetId) + "-" + base + "-" + std::string(hex, 8) + ".u8";
}

PixelStore::Location PixelStore::store(const sources::Item& item) {
    Location loc;
    loc.file = fileName(m_datasetId, item.uri);
    loc.size = static_cast<std::int64_t>(item.bytes.size());
    loc.offset = item.index * loc.size;
    auto it = m_fds.find(loc.file);
    if (it == m_fds.end()) {
        const fs::path path = fs::path(m_dataDir) / loc.file;
        std::error_code ec;
        fs::create_directories(path.parent_path(), ec);
        if (ec) throw Error("cannot create " + path.parent_path().string() + ": " + ec.message());
        const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
        if (fd < 0) throw Error(errnoMessage("cannot open " + path.string(), errno));
        it = m_fds.emplace(loc.file, fd).first;
    }
    std::size_t done = 0;
    while (done < item.bytes.size()) {
        const ssize_t n = ::pwrite(it->second, item.bytes.data() + done, item.bytes.size() - done,
                                   static_cast<off_t>(loc.offset + static_cast<std::int64_t>(done)));
        if (n < 0) {
            if (errno == EINTR) continue;
            throw Error(errnoMessage("cannot write pixels to " + loc.file, errno));
        }
        done += static_cast<std::size_t>(n);
    }
    return loc;
}

}  // namespace winnow::ingest
