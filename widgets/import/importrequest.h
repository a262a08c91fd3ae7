// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>
#include <QUrl>

#include "sources/source.h"

class QMimeData;

namespace winnow::widgets {

/// One import as the user asked for it.
struct ImportRequest {
    QString source;                                     ///< file or folder
    sources::Format format = sources::Format::Auto;
    QString dataset;                                    ///< "" = named after the source
    QString split;                                      ///< "" = none (unless the source names one)
};

/// The local files and folders among dropped or pasted URLs.
QStringList localPaths(const QMimeData* mime);

}  // namespace winnow::widgets
