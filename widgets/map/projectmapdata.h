// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// What the project's map reads off the GUI thread: a 2-D layout (computed or from the project's cache)
// ready for MapView, and the colourings of its rows (label, dataset, split, clusters, quality, stored
// scores, subset and tag membership). Each function opens its own catalog connection.

#include <QString>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/progress.h"
#include "curate/layouts.h"
#include "widgets/map/mapcolouring.h"

namespace winnow::widgets {

/// A layout as the map shows it: row r is sample ids[r] at (x[r], y[r]).
struct MapLayoutData {
    bool found = false;  ///< false: no layout (loadNewestMapLayout found no current cached one)
    std::string embedder;
    std::string method;
    nlohmann::json params;  ///< canonical, defaults filled in
    std::string key;        ///< the layout's cache key
    nlohmann::json info;
    bool cached = false;
    double seconds = 0;
    std::int64_t created = 0;
    std::vector<std::int64_t> ids;
    std::vector<float> x, y;
    /// Rows ordered by sample id (for id -> row lookups by binary search).
    std::vector<std::int64_t> rowsById;

    std::size_t rowCount() const { return ids.size(); }
    /// The row of a sample, or -1.
    std::int64_t rowOf(std::int64_t sampleId) const;
};

/// curate::computeLayout (cached or computed) through a read-write connection of its own.
/// Throws winnow::Error, winnow::Canceled. Thread affinity: any (a job's worker).
MapLayoutData computeMapLayout(const std::string& projectPath, const curate::LayoutRequest& request,
                               Progress& progress = nullProgress());

/// The newest cached layout that is current (its embeddings unchanged), read through computeLayout;
/// found = false when there is none. Thread affinity: any.
MapLayoutData loadNewestMapLayout(const std::string& projectPath, Progress& progress = nullProgress());

/// The colourings of a layout's rows, and what the map needs besides.
struct MapColourData {
    std::vector<MapColouring> colourings;  ///< in the order the colour-by combo lists them
    /// Rows of each saved subset's members (for the highlight), by subset name.
    std::map<QString, std::vector<std::int64_t>> subsetRows;
    /// Per row: label and dataset name ("" when none), for hover captions.
    std::vector<std::int32_t> labelOf, datasetOf;
    QStringList labelNames, datasetNames;
};

/// Reads everything the colourings need for the samples `ids` (rows of a layout): one pass over the
/// samples, each stored score, each subset's members and each tag's samples. Scores named "cluster:*"
/// become categories. Throws winnow::Error, winnow::Canceled. Thread affinity: any.
MapColourData loadMapColourings(const std::string& projectPath, const std::vector<std::int64_t>& ids,
                                const std::vector<std::int64_t>& rowsById, Progress& progress = nullProgress());

}  // namespace winnow::widgets
