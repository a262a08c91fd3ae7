// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "catalog/thumbnailpack.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <utility>

#include "common/error.h"

namespace winnow::catalog {

namespace fs = std::filesystem;

ThumbnailPack::ThumbnailPack(std::string dataDir)
    : m_dataDir(std::move(dataDir)), m_path((fs::path(m_dataDir) / kFileName).string()) {}

ThumbnailPack::ThumbnailPack(ThumbnailPack&& other) noexcept
    : m_dataDir(std::move(other.m_dataDir)),
      m_path(std::move(other.m_path)),
      m_fd(std::exchange(other.m_fd, -1)),
      m_writable(other.m_writable) {}

ThumbnailPack& ThumbnailPack::operator=(ThumbnailPack&& other) noexcept {
    if (this != &other) {
        close();
        m_dataDir = std::move(other.m_dataDir);
        m_path = std::move(other.m_path);
        m_fd = std::exchange(other.m_fd, -1);
        m_writable = other.m_writable;
    }
    return *this;
}

ThumbnailPack::~ThumbnailPack() { close(); }

void ThumbnailPack::close() {
    if (m_fd >= 0) ::close(m_fd);
    m_fd = -1;
    m_writable = false;
}

void ThumbnailPack::write(const std::vector<std::uint8_t>& bytes, std::int64_t offset) {
    if (!m_writable) {
        close();
        std::error_code ec;
        fs::create_directories(m_dataDir, ec);
        if (ec) throw Error("cannot create " + m_dataDir + ": " + ec.message());
        m_fd = ::open(m_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
        if (m_fd < 0) throw Error(errnoMessage("cannot open " + m_path, errno));
        m_writable = true;
    }
    std::size_t done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::pwrite(m_fd, bytes.data() + done, bytes.size() - done,
                                   static_cast<off_t>(offset + static_cast<std::int64_t>(done)));
        if (n < 0) {
            if (errno == EINTR) continue;
            throw Error(errnoMessage("cannot write thumbnails to " + m_path, errno));
        }
        done += static_cast<std::size_t>(n);
    }
    if (::fdatasync(m_fd) != 0) throw Error(errnoMessage("cannot sync " + m_path, errno));
}

bool ThumbnailPack::read(std::int64_t offset, std::int64_t size, std::vector<std::uint8_t>& out) {
    if (offset < 0 || size < 0) return false;
    if (m_fd < 0) {
        m_fd = ::open(m_path.c_str(), O_RDONLY | O_CLOEXEC);
        if (m_fd < 0) return false;
    }
    std::vector<std::uint8_t> bytes(static_cast<std::size_t>(size));
    std::size_t done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::pread(m_fd, bytes.data() + done, bytes.size() - done,
                                  static_cast<off_t>(offset + static_cast<std::int64_t>(done)));
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return false;  // error, or the file ends early
        done += static_cast<std::size_t>(n);
    }
    out = std::move(bytes);
    return true;
}

}  // namespace winnow::catalog
