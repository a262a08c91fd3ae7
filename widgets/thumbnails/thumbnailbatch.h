// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QImage>
#include <QString>
#include <cstdint>
#include <string>
#include <vector>

namespace winnow::widgets {

/// One thumbnail as a worker hands it to the GUI thread: a decoded QImage (never a QPixmap) and the short
/// texts shown with it.
struct LoadedThumbnail {
    std::int64_t sampleId = 0;
    QImage image;     ///< null when the sample has no thumbnail (failed import) or it did not decode
    QString caption;  ///< label, or the file / member name
    QString toolTip;
    bool failed = false;  ///< the sample failed to import
};

/// Reads and decodes the thumbnails of some samples through a read-only connection of its own; unknown
/// ids are left out. Never throws: a project that cannot be opened yields no thumbnails.
/// Thread affinity: a worker thread of the decode pool.
std::vector<LoadedThumbnail> loadThumbnailBatch(const std::string& projectPath,
                                                const std::vector<std::int64_t>& ids);

/// "label", or the member or file name when there is no label.
QString sampleCaption(const std::string& uri, const std::string& member, const std::string& label);

}  // namespace winnow::widgets
