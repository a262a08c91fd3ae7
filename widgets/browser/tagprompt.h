// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>

class QWidget;

namespace winnow::widgets {

/// Asks for a tag name, offering the given ones; empty when canceled. `editable`: new names allowed.
/// Thread affinity: GUI thread (modal dialog).
QString promptForTag(QWidget* parent, const QString& title, const QString& label, const QStringList& offered,
                     bool editable);

}  // namespace winnow::widgets
