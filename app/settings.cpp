// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "settings.h"

#include <QFileInfo>

namespace winnow::app {

void addRecentProject(const QString& path) {
    const QString absolute = QFileInfo(path).absoluteFilePath();
    QStringList list = settings::recentProjects.value();
    list.removeAll(absolute);
    list.prepend(absolute);
    while (list.size() > kMaxRecentProjects) list.removeLast();
    settings::recentProjects.set(list);
}

QStringList recentProjects() {
    QStringList list;
    for (const QString& path : settings::recentProjects.value())
        if (QFileInfo::exists(path)) list << path;
    return list;
}

}  // namespace winnow::app
