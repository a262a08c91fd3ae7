// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <cstdint>
#include <string>

namespace winnow::widgets {

/// UTF-8 std::string (core) to QString.
inline QString toQString(const std::string& text) { return QString::fromStdString(text); }

/// A 64-bit hash as 16 lowercase hex digits.
QString hashHex(std::uint64_t hash);

/// "1.2 MB" style sizes (locale aware).
QString byteSizeText(std::int64_t bytes);

/// "12,345" in the user's locale.
QString countText(std::int64_t count);

/// `one` when count is 1, otherwise `many` with %1 replaced by the count in the user's locale: English
/// plurals without a translation catalogue ("1 sample", "12,345 samples"). Both strings come from tr().
QString counted(std::int64_t count, const QString& one, const QString& many);

}  // namespace winnow::widgets
