// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/curation/curationtext.h"

#include <QLocale>
#include <QRegularExpression>
#include <cmath>

namespace winnow::widgets {

nlohmann::json typedValue(const QString& text) {
    const QString t = text.trimmed();
    if (t == QLatin1String("true")) return true;
    if (t == QLatin1String("false")) return false;
    bool ok = false;
    const qlonglong whole = t.toLongLong(&ok);
    if (ok && QString::number(whole) == t) return static_cast<std::int64_t>(whole);
    // A decimal number: no leading zeros before other digits ("0.5" yes, "007" and "0x1f" no).
    static const QRegularExpression decimal(QStringLiteral("^-?(0|[1-9][0-9]*)?(\\.[0-9]+)?([eE][-+]?[0-9]+)?$"));
    if (!t.isEmpty() && decimal.match(t).hasMatch()) {
        const double d = t.toDouble(&ok);
        if (ok && std::isfinite(d)) return d;
    }
    return t.toStdString();
}

QString valueText(const nlohmann::json& value) {
    if (value.is_string()) return QString::fromStdString(value.get<std::string>());
    return QString::fromStdString(value.dump());
}

bool parseKeyValueLines(const QString& text, nlohmann::json* object, QString* error, const QStringList& reserved) {
    nlohmann::json out = nlohmann::json::object();
    const QStringList lines = text.split(QLatin1Char('\n'));
    for (int i = 0; i < lines.size(); ++i) {
        const QString line = lines[i].trimmed();
        if (line.isEmpty()) continue;
        const int eq = line.indexOf(QLatin1Char('='));
        const QString key = eq > 0 ? line.left(eq).trimmed() : QString();
        QString problem;
        if (key.isEmpty())
            problem = QObject::tr("line %1: write key=value, for example min_blur=20").arg(i + 1);
        else if (key.contains(QLatin1Char(' ')))
            problem = QObject::tr("line %1: the key \"%2\" has a space in it").arg(i + 1).arg(key);
        else if (reserved.contains(key))
            problem = QObject::tr("line %1: \"%2\" cannot be set here").arg(i + 1).arg(key);
        else if (out.contains(key.toStdString()))
            problem = QObject::tr("line %1: \"%2\" is given twice").arg(i + 1).arg(key);
        if (!problem.isEmpty()) {
            if (error) *error = problem;
            return false;
        }
        out[key.toStdString()] = typedValue(line.mid(eq + 1));
    }
    if (object) *object = std::move(out);
    if (error) error->clear();
    return true;
}

QString keyValueLines(const nlohmann::json& object, const QStringList& skip) {
    QStringList lines;
    if (object.is_object())
        for (const auto& [key, value] : object.items()) {
            const QString k = QString::fromStdString(key);
            if (!skip.contains(k)) lines << k + QLatin1Char('=') + valueText(value);
        }
    return lines.join(QLatin1Char('\n'));
}

QString keyValueInline(const nlohmann::json& object, const QStringList& skip) {
    return keyValueLines(object, skip).replace(QLatin1Char('\n'), QStringLiteral(", "));
}

QString recipeSummary(const nlohmann::json& params) {
    if (!params.is_object()) return {};
    if (!params.contains("select") && !params.contains("pool")) return keyValueInline(params);
    QStringList parts;
    if (params.contains("select") && params["select"].is_object()) {
        const auto& select = params["select"];
        if (select.contains("params") && !select["params"].empty()) parts << keyValueInline(select["params"]);
    }
    if (params.contains("filters") && params["filters"].is_array() && !params["filters"].empty()) {
        QStringList names;
        for (const auto& f : params["filters"])
            if (f.is_object() && f.contains("filter") && f["filter"].is_string())
                names << QString::fromStdString(f["filter"].get<std::string>());
        parts << names.join(QStringLiteral(" → "));
    }
    if (params.contains("pool") && params["pool"].is_object())
        for (const auto& [key, value] : params["pool"].items())
            if (value.is_string() && !value.get<std::string>().empty())
                parts << QString::fromStdString(key) + QLatin1Char(' ') + QString::fromStdString(value.get<std::string>());
    if (params.contains("size") && params["size"].is_number())
        parts << QObject::tr("size %1").arg(QLocale().toString(static_cast<qlonglong>(params["size"].get<std::int64_t>())));
    else if (params.contains("fraction") && params["fraction"].is_number())
        parts << QObject::tr("%1% of the filtered pool").arg(QLocale().toString(100.0 * params["fraction"].get<double>(), 'g', 4));
    if (params.contains("seed") && params["seed"].is_number())
        parts << QObject::tr("seed %1").arg(params["seed"].get<std::int64_t>());
    return parts.join(QStringLiteral(" · "));
}

QString preformattedToolTip(const QString& text) {
    return QStringLiteral("<pre style=\"margin:0\">") + text.toHtmlEscaped() + QStringLiteral("</pre>");
}

}  // namespace winnow::widgets
