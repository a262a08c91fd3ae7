// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/common/strings.h"

#include <QLocale>

namespace winnow::widgets {

QString hashHex(std::uint64_t hash) {
    return QStringLiteral("%1").arg(static_cast<qulonglong>(hash), 16, 16, QLatin1Char('0'));
}

QString byteSizeText(std::int64_t bytes) { return QLocale().formattedDataSize(bytes); }

QString countText(std::int64_t count) { return QLocale().toString(static_cast<qlonglong>(count)); }

QString counted(std::int64_t count, const QString& one, const QString& many) {
    return count == 1 ? one : many.arg(countText(count));
}

}  // namespace winnow::widgets
