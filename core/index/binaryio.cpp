// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "index/binaryio.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "common/error.h"

namespace winnow::index::detail {
namespace {

void requireLittleEndian(const std::string& path) {
    const std::uint16_t one = 1;
    unsigned char b = 0;
    std::memcpy(&b, &one, 1);
    if (b != 1) throw Error(path + ": index files are only supported on little-endian machines");
}

}  // namespace

BinaryWriter::BinaryWriter(const std::string& path)
    : m_path(path), m_tmp(path + ".tmp-" + std::to_string(::getpid())) {
    requireLittleEndian(path);
    m_file = std::fopen(m_tmp.c_str(), "wb");
    if (!m_file) throw Error(errnoMessage("cannot create " + m_tmp, errno));
}

BinaryWriter::~BinaryWriter() {
    if (m_file) {
        std::fclose(m_file);
        std::remove(m_tmp.c_str());
    }
}

void BinaryWriter::write(const void* data, std::size_t bytes) {
    if (bytes && std::fwrite(data, 1, bytes, m_file) != bytes) fail(errnoMessage("write failed", errno));
}

void BinaryWriter::commit() {
    const bool flushed = std::fflush(m_file) == 0 && ::fsync(::fileno(m_file)) == 0;
    const int err = errno;
    const bool closed = std::fclose(m_file) == 0;
    m_file = nullptr;
    if (!flushed || !closed) {
        std::remove(m_tmp.c_str());
        fail(errnoMessage("write failed", flushed ? errno : err));
    }
    if (std::rename(m_tmp.c_str(), m_path.c_str()) != 0) {
        const int e = errno;
        std::remove(m_tmp.c_str());
        fail(errnoMessage("cannot replace the file", e));
    }
}

void BinaryWriter::fail(const std::string& what) const {
    throw Error(m_path + ": " + what);
}

BinaryReader::BinaryReader(const std::string& path) : m_path(path) {
    requireLittleEndian(path);
    m_file = std::fopen(path.c_str(), "rb");
    if (!m_file) throw Error(errnoMessage("cannot open " + path, errno));
    if (std::fseek(m_file, 0, SEEK_END) != 0) fail(errnoMessage("cannot read", errno));
    const long end = std::ftell(m_file);
    if (end < 0 || std::fseek(m_file, 0, SEEK_SET) != 0) fail(errnoMessage("cannot read", errno));
    m_size = static_cast<std::uint64_t>(end);
}

BinaryReader::~BinaryReader() {
    if (m_file) std::fclose(m_file);
}

void BinaryReader::read(void* data, std::size_t bytes, const char* what) {
    if (bytes && std::fread(data, 1, bytes, m_file) != bytes) {
        if (std::ferror(m_file)) fail(errnoMessage(std::string("cannot read ") + what, errno));
        fail(std::string("truncated file (") + what + ")");
    }
}

void BinaryReader::seek(std::uint64_t offset) {
    if (std::fseek(m_file, static_cast<long>(offset), SEEK_SET) != 0)
        fail(errnoMessage("cannot read", errno));
}

std::uint64_t BinaryReader::position() const {
    const long p = std::ftell(m_file);
    return p < 0 ? 0 : static_cast<std::uint64_t>(p);
}

void BinaryReader::fail(const std::string& what) const {
    throw Error(m_path + ": " + what);
}

std::uint64_t fnv1a(const void* data, std::size_t bytes, std::uint64_t h) {
    const auto* p = static_cast<const unsigned char*>(data);
    for (std::size_t i = 0; i < bytes; ++i) {
        h ^= p[i];
        h *= 0x100000001b3ULL;
    }
    return h;
}

}  // namespace winnow::index::detail
