// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Internal to core/index: little-endian binary files with errors for people (every message names the file).

#include <cstdint>
#include <cstdio>
#include <string>

namespace winnow::index::detail {

/// Writes to PATH.tmp-PID and renames it to PATH on commit(), so a crash never leaves a half-written file
/// under the final name; the temporary file is removed when the writer is destroyed uncommitted.
class BinaryWriter {
public:
    /// Throws winnow::Error when the temporary file cannot be created (or on a big-endian host).
    explicit BinaryWriter(const std::string& path);
    ~BinaryWriter();
    BinaryWriter(const BinaryWriter&) = delete;
    BinaryWriter& operator=(const BinaryWriter&) = delete;

    /// Throws winnow::Error on a short write (disk full).
    void write(const void* data, std::size_t bytes);
    template <class T>
    void put(T value) {
        write(&value, sizeof value);
    }
    /// The open stream, for writers that take a FILE* (faiss::write_index).
    std::FILE* file() { return m_file; }
    /// Flushes, closes and renames onto the final path; throws winnow::Error on failure.
    void commit();
    [[noreturn]] void fail(const std::string& what) const;

private:
    std::string m_path;
    std::string m_tmp;
    std::FILE* m_file = nullptr;
};

/// Reads a whole binary file front to back.
class BinaryReader {
public:
    /// Throws winnow::Error when the file cannot be opened.
    explicit BinaryReader(const std::string& path);
    ~BinaryReader();
    BinaryReader(const BinaryReader&) = delete;
    BinaryReader& operator=(const BinaryReader&) = delete;

    /// Throws winnow::Error "PATH: truncated file (WHAT)" when fewer bytes are left.
    void read(void* data, std::size_t bytes, const char* what);
    template <class T>
    T get(const char* what) {
        T value{};
        read(&value, sizeof value, what);
        return value;
    }
    std::FILE* file() { return m_file; }
    /// Moves to an absolute offset; throws winnow::Error on failure.
    void seek(std::uint64_t offset);
    /// File size in bytes, and the current position.
    std::uint64_t size() const { return m_size; }
    std::uint64_t position() const;
    const std::string& path() const { return m_path; }
    /// Throws winnow::Error "PATH: WHAT".
    [[noreturn]] void fail(const std::string& what) const;

private:
    std::string m_path;
    std::FILE* m_file = nullptr;
    std::uint64_t m_size = 0;
};

/// 64-bit FNV-1a of the bytes, continuing from h (start with kFnvOffset).
constexpr std::uint64_t kFnvOffset = 0xcbf29ce484222325ULL;
std::uint64_t fnv1a(const void* data, std::size_t bytes, std::uint64_t h = kFnvOffset);

}  // namespace winnow::index::detail
