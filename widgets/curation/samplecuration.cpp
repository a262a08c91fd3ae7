// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/curation/samplecuration.h"

#include <QLocale>
#include <QObject>
#include <QStringList>
#include <cmath>

#include "catalog/database.h"
#include "widgets/common/strings.h"

namespace winnow::widgets {

std::vector<SampleSubset> subsetsOfSample(const catalog::Catalog& catalog, std::int64_t sampleId) {
    auto st = catalog.database().prepare(
        "SELECT u.name, m.rank, m.score, (SELECT COUNT(*) FROM subset_members c WHERE c.subset_id = u.id) "
        "FROM subset_members m JOIN subsets u ON u.id = m.subset_id WHERE m.sample_id = ? ORDER BY u.name");
    st.bind(1, sampleId);
    std::vector<SampleSubset> out;
    while (st.step()) out.push_back({st.text(0), st.int64(1), st.real(2), st.int64(3)});
    return out;
}

QString scoreValueText(double value) {
    if (std::isnan(value)) return QStringLiteral("—");
    if (value == std::floor(value) && std::abs(value) < 1e15) return QLocale().toString(static_cast<qlonglong>(value));
    return QLocale().toString(value, 'g', 4);
}

QString scoresText(const std::vector<std::pair<std::string, double>>& scores) {
    QStringList lines;
    for (const auto& [name, value] : scores) lines << QStringLiteral("%1  %2").arg(toQString(name), scoreValueText(value));
    return lines.join(QLatin1Char('\n'));
}

QString subsetsText(const std::vector<SampleSubset>& subsets) {
    QStringList lines;
    for (const SampleSubset& s : subsets)
        lines << QObject::tr("%1: #%2 of %3, score %4")
                     .arg(toQString(s.name), countText(s.rank + 1), countText(s.size), scoreValueText(s.score));
    return lines.join(QLatin1Char('\n'));
}

}  // namespace winnow::widgets
