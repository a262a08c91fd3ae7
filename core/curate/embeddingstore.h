// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "select/matrix.h"

namespace winnow::curate {

/// Embeddings loaded for selection: row i of X belongs to sample ids[i].
struct EmbeddingTable {
    std::vector<std::int64_t> ids;
    select::Matrix X;
    std::string embedder;
    bool normalized = false;
};

/// Names that are safe as folder names: 1-64 characters of [A-Za-z0-9._-], not starting with '.'.
bool isValidEmbedderName(const std::string& name);

/// File stem (relative to PROJECT.winnow.d) of the vectors of a dataset under an embedder:
/// embeddings/<embedder>/ds<datasetId>; the rows are in STEM.f32, the sample ids in STEM.ids.
std::string embeddingStem(const std::string& embedderName, std::int64_t datasetId);

/// Appends vectors of one dataset under one registered embedder, and commits them to the catalog.
/// Files are raw little-endian float32 rows (STEM.f32) and int64 sample ids (STEM.ids), written in
/// append order; the catalog's `rows` counts the committed rows. Opening truncates both files to the
/// committed count, so what a killed run wrote after its last commit is dropped, never half-read.
/// Thread affinity: one thread.
class EmbeddingWriter {
public:
    EmbeddingWriter(catalog::Catalog& catalog, std::int64_t datasetId, const catalog::EmbedderRecord& embedder);
    EmbeddingWriter(const EmbeddingWriter&) = delete;
    EmbeddingWriter& operator=(const EmbeddingWriter&) = delete;
    ~EmbeddingWriter();

    /// Sample ids already committed (in file order).
    const std::vector<std::int64_t>& committedIds() const { return m_ids; }
    /// Appends n rows of dim floats. Throws winnow::Error on I/O failure.
    void append(const std::int64_t* ids, const float* rows, std::size_t n);
    /// Flushes the files to disk (fdatasync) and records the new row count in the catalog.
    void commit();
    std::int64_t pendingRows() const { return static_cast<std::int64_t>(m_ids.size()) - m_committed; }

private:
    catalog::Catalog& m_catalog;
    catalog::EmbeddingRecord m_record;
    int m_dim;
    int m_fdRows = -1;
    int m_fdIds = -1;
    std::vector<std::int64_t> m_ids;
    std::int64_t m_committed = 0;
};

/// Reads the committed vectors of an embedder. With ids given: exactly those samples, in that order;
/// ids without a vector are left out of the table and listed in *missing (when given). Without ids: every
/// committed vector of every dataset (in dataset order, then file order) whose sample still exists.
/// Without ids, runs of rows are read with pread straight into a buffer advised for transparent huge pages;
/// with ids, rows are copied out of a memory map (figures for 1M x 512 in bench/README.md).
/// Throws winnow::Error for an unknown embedder or a file shorter than the catalog says.
EmbeddingTable loadEmbeddings(const catalog::Catalog& catalog, const std::string& embedder,
                              const std::optional<std::vector<std::int64_t>>& ids = std::nullopt,
                              std::vector<std::int64_t>* missing = nullptr);

/// Sample ids that have a committed vector under the embedder (ascending).
std::vector<std::int64_t> embeddedIds(const catalog::Catalog& catalog, const std::string& embedder);

/// Removes an embedder: its catalog records, artifacts, vector files and state file.
void removeEmbedder(catalog::Catalog& catalog, const std::string& embedder);

}  // namespace winnow::curate
