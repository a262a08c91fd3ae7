// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/import/importrequest.h"

#include <QFileInfo>
#include <QMimeData>

namespace winnow::widgets {

QStringList localPaths(const QMimeData* mime) {
    QStringList paths;
    if (!mime || !mime->hasUrls()) return paths;
    for (const QUrl& url : mime->urls()) {
        if (!url.isLocalFile()) continue;
        const QString path = url.toLocalFile();
        if (QFileInfo::exists(path)) paths << path;
    }
    return paths;
}

}  // namespace winnow::widgets
