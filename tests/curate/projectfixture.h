// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "select/matrix.h"
#include "tempdir.h"

namespace winnow::test {

/// A project with one dataset "photos" of `count` generated JPEGs (labels a/b/c by index % 3, the last
/// `copies` files byte-identical copies of the first ones), imported through the real ingest.
struct PhotoProject {
    TempDir dir;
    std::string path;
    std::vector<std::int64_t> ids;  ///< sample ids, ascending

    explicit PhotoProject(int count = 24, int copies = 3);
    /// Registers an embedder `name` with the given rows (one per id, in ids order) through EmbeddingWriter.
    void importVectors(const std::string& name, const select::Matrix& X, bool normalized = false) const;
};

/// rows x cols Gaussian values from a fixed seed.
select::Matrix gaussian(std::int64_t rows, int cols, std::uint64_t seed);

}  // namespace winnow::test
