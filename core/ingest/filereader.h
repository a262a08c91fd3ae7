// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace winnow::ingest {

/// Reads a whole file. On failure returns nothing and sets error to a message for people, the same as the
/// sources' checks give: "file not found", "not a regular file", "cannot read: <reason>" or "file too
/// large (N bytes, limit M)". Thread-safe.
std::vector<std::uint8_t> readFile(const std::string& path, std::int64_t maxBytes, std::string& error);

/// A reusable read buffer, one per worker thread: the ingest pool reads every file into the same memory
/// instead of allocating (and zero-filling) a fresh vector per file. Allocating and freeing a 100 KB
/// block per image made the allocator give pages back to the kernel and fault them in again, about 1% of
/// a JPEG ingest's CPU. Not thread-safe; the bytes stay valid until the next read() or trim().
class FileBuffer {
public:
    /// Reads the whole file at path, as readFile does; false with error set on failure (size() is 0).
    bool read(const std::string& path, std::int64_t maxBytes, std::string& error);
    const std::uint8_t* data() const { return m_data.get(); }
    std::size_t size() const { return m_size; }
    /// Frees the memory when more than keepBytes is held: one huge file should not pin memory per thread
    /// for the rest of an import.
    void trim(std::size_t keepBytes = std::size_t{32} << 20);

private:
    std::unique_ptr<std::uint8_t[]> m_data;
    std::size_t m_capacity = 0;
    std::size_t m_size = 0;
};

}  // namespace winnow::ingest
