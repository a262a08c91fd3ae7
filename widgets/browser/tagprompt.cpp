// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/browser/tagprompt.h"

#include <QInputDialog>

namespace winnow::widgets {

QString promptForTag(QWidget* parent, const QString& title, const QString& label, const QStringList& offered,
                     bool editable) {
    bool ok = false;
    const QString tag = QInputDialog::getItem(parent, title, label, offered, 0, editable, &ok).trimmed();
    return ok ? tag : QString();
}

}  // namespace winnow::widgets
