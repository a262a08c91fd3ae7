// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>
#include <nlohmann/json.hpp>

namespace winnow::widgets {

/// A value typed in a parameter field as the JSON value a recipe stores: "true"/"false" become booleans,
/// whole numbers written canonically ("20", "-3", not "007") integers, other decimal numbers ("0.02",
/// "1e-3") floating point, anything else a string (trimmed).
nlohmann::json typedValue(const QString& text);

/// The inverse of typedValue for display: strings as they are, numbers and booleans as JSON writes them.
QString valueText(const nlohmann::json& value);

/// Parses "key=value" lines (blank lines skipped; values may hold spaces, commas and '=') into a JSON
/// object of typed values. On a malformed line, a repeated key or a key in `reserved`, returns false with
/// *error saying which line and why, in plain words.
bool parseKeyValueLines(const QString& text, nlohmann::json* object, QString* error,
                        const QStringList& reserved = {});

/// The "key=value" lines of a JSON object of scalars, skipping the keys in `skip` (the inverse of
/// parseKeyValueLines).
QString keyValueLines(const nlohmann::json& object, const QStringList& skip = {});

/// "key=value, key=value" for one line (lists, tool tips), skipping the keys in `skip`.
QString keyValueInline(const nlohmann::json& object, const QStringList& skip = {});

/// A one-line summary of a stored subset's parameters: for a recipe (as saveSelection stores it) the
/// method's parameters, the filters, the pool and the size ("k=20 · quality → dedup-exact · dataset
/// animals · 1,000 · seed 0"); for other parameter objects their key=value list.
QString recipeSummary(const nlohmann::json& params);

/// Escapes text for a rich-text tool tip and wraps it in <pre> (for JSON).
QString preformattedToolTip(const QString& text);

}  // namespace winnow::widgets
