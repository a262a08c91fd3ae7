// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "sources/source.h"

namespace winnow::ingest {

/// Stores raw pixel records (IDX) in PROJECT.winnow.d/pixels/, one file per (dataset, source file),
/// record i at offset i * record size. Writing the same record twice writes the same bytes at the same
/// place, so an import killed half-way and run again leaves exactly what one run leaves.
/// Thread affinity: the ingest thread.
class PixelStore {
public:
    struct Location {
        std::string file;  ///< relative to PROJECT.winnow.d; "" when nothing was stored
        std::int64_t offset = -1;
        std::int64_t size = 0;
    };

    PixelStore(std::string dataDir, std::int64_t datasetId);
    PixelStore(const PixelStore&) = delete;
    PixelStore& operator=(const PixelStore&) = delete;
    ~PixelStore();

    /// Writes item.bytes (a Raw item) at its place. Throws winnow::Error on I/O failure.
    Location store(const sources::Item& item);

    /// Relative file name used for a source file of a dataset.
    static std::string fileName(std::int64_t datasetId, const std::string& uri);

private:
    std::string m_dataDir;
    std::int64_t m_datasetId;
    std::map<std::string, int> m_fds;  // relative file -> open descriptor
};

}  // namespace winnow::ingest
