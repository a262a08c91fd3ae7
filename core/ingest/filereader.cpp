// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ingest/filereader.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace winnow::ingest {
namespace {

std::string cannotRead(int err) { return std::string("cannot read: ") + std::strerror(err); }

/// Opens path, checks it, and reads it into the memory that reserve(size) returns. Returns the number of
/// bytes read (fewer than the size when the file shrank meanwhile); sets error on failure.
template <typename Reserve>
std::size_t readWhole(const std::string& path, std::int64_t maxBytes, std::string& error, Reserve&& reserve) {
    error.clear();
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);  // a FIFO must not block
    if (fd < 0) {
        error = errno == ENOENT || errno == ENOTDIR ? std::string("file not found") : cannotRead(errno);
        return 0;
    }
    std::size_t done = 0;
    struct stat st {};
    if (::fstat(fd, &st) != 0) {
        error = cannotRead(errno);
    } else if (!S_ISREG(st.st_mode)) {
        error = "not a regular file";
    } else if (st.st_size > maxBytes) {
        error = "file too large (" + std::to_string(st.st_size) + " bytes, limit " + std::to_string(maxBytes) + ")";
    } else {
        const auto size = static_cast<std::size_t>(st.st_size);
        std::uint8_t* bytes = reserve(size);
        while (done < size) {
            const ssize_t n = ::read(fd, bytes + done, size - done);
            if (n < 0 && errno == EINTR) continue;
            if (n < 0) {
                error = cannotRead(errno);
                break;
            }
            if (n == 0) break;  // the file shrank while we read it
            done += static_cast<std::size_t>(n);
        }
    }
    ::close(fd);
    return error.empty() ? done : 0;
}

}  // namespace

std::vector<std::uint8_t> readFile(const std::string& path, std::int64_t maxBytes, std::string& error) {
    std::vector<std::uint8_t> bytes;
    bytes.resize(readWhole(path, maxBytes, error, [&](std::size_t size) {
        bytes.resize(size);
        return bytes.data();
    }));
    return bytes;
}

bool FileBuffer::read(const std::string& path, std::int64_t maxBytes, std::string& error) {
    m_size = readWhole(path, maxBytes, error, [&](std::size_t size) {
        if (size > m_capacity) {
            m_data.reset();  // the old block first: never two large blocks at once
            m_data.reset(new std::uint8_t[size]);  // uninitialised: read() fills it
            m_capacity = size;
        }
        return m_data.get();
    });
    return error.empty();
}

void FileBuffer::trim(std::size_t keepBytes) {
    if (m_capacity > keepBytes) {
        m_data.reset();
        m_capacity = 0;
        m_size = 0;
    }
}

}  // namespace winnow::ingest
