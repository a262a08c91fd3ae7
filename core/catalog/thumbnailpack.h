// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace winnow::catalog {

/// PROJECT.winnow.d/thumbnails.pack: the JPEG bytes of the thumbnails ingest writes (those of at least
/// WriterParams::packThumbnailsFrom bytes; smaller ones stay in the table), back to back. The
/// `thumbnails` table holds each one's offset and size; the project table holds the committed length
/// (key kThumbnailPackBytes). The catalog writer appends a whole batch with one write at the committed
/// length, syncs it and then commits the rows and the new length in one transaction, all under SQLite's
/// write lock: bytes past the committed length (a killed import's last batch) are never referenced and
/// are overwritten by the next batch. Samples deleted later leave their bytes unreferenced.
///
/// In SQLite each thumbnail (3-4 KB) took a 4 KiB page of its own, written three times (two system
/// calls into the WAL, one more at the checkpoint) and read once more by the checkpoint: on a
/// 10,000-JPEG import (bench 1b) 0.2 s of the writer thread's 0.35 s of CPU and 0.4 s of the process's.
///
/// Thread affinity: an object is used by one thread at a time; pread/pwrite need no shared offset.
class ThumbnailPack {
public:
    static constexpr const char* kFileName = "thumbnails.pack";
    static constexpr const char* kCommittedKey = "thumbnail_pack_bytes";  ///< in the project table

    /// The pack of a project: dataDir is PROJECT.winnow.d. Nothing is opened yet.
    explicit ThumbnailPack(std::string dataDir);
    ThumbnailPack(ThumbnailPack&& other) noexcept;
    ThumbnailPack& operator=(ThumbnailPack&& other) noexcept;
    ThumbnailPack(const ThumbnailPack&) = delete;
    ThumbnailPack& operator=(const ThumbnailPack&) = delete;
    ~ThumbnailPack();

    /// Writes bytes at offset (creating the folder and the file when needed) and syncs them to disk
    /// (fdatasync), so that a commit that refers to them never reaches the disk before they do.
    /// Throws winnow::Error.
    void write(const std::vector<std::uint8_t>& bytes, std::int64_t offset);
    /// Reads size bytes at offset; false (out untouched) when the file is missing or too short.
    bool read(std::int64_t offset, std::int64_t size, std::vector<std::uint8_t>& out);

    const std::string& path() const { return m_path; }

private:
    void close();
    std::string m_dataDir;
    std::string m_path;
    int m_fd = -1;
    bool m_writable = false;
};

}  // namespace winnow::catalog
