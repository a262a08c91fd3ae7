// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/curation/subsetcompare.h"

#include <QLocale>
#include <QObject>
#include <algorithm>
#include <cmath>
#include <map>
#include <unordered_set>

#include "catalog/database.h"
#include "common/error.h"
#include "widgets/common/strings.h"
#include "widgets/curation/samplecuration.h"

namespace winnow::widgets {

namespace {

std::vector<std::int64_t> memberIds(const catalog::Catalog& catalog, const catalog::Subset& subset) {
    std::vector<std::int64_t> ids;
    for (const auto& m : catalog.subsetMembers(subset.id)) ids.push_back(m.sampleId);
    return ids;
}

/// Numbers before text, numbers by value, text in locale order; `last` (the "none" key) at the end.
void sortRows(std::vector<GroupCount>& rows, const QString& last) {
    std::sort(rows.begin(), rows.end(), [&last](const GroupCount& x, const GroupCount& y) {
        if ((x.key == last) != (y.key == last)) return y.key == last;
        bool xn = false, yn = false;
        const double xv = QLocale().toDouble(x.key, &xn), yv = QLocale().toDouble(y.key, &yn);
        if (xn && yn && xv != yv) return xv < yv;
        if (xn != yn) return xn;
        return QString::localeAwareCompare(x.key, y.key) < 0;
    });
}

Grouping merge(const QString& title, const std::map<QString, std::int64_t>& a, const std::map<QString, std::int64_t>& b,
               const QString& none) {
    std::map<QString, GroupCount> rows;
    for (const auto& [key, n] : a) rows[key].a = n;
    for (const auto& [key, n] : b) rows[key].b = n;
    Grouping g;
    g.title = title;
    for (auto& [key, row] : rows) {
        row.key = key;
        g.rows.push_back(row);
    }
    sortRows(g.rows, none);
    return g;
}

std::map<QString, std::int64_t> labelCounts(const catalog::Catalog& catalog, std::int64_t subsetId, const QString& none) {
    auto st = catalog.database().prepare(
        "SELECT s.label, COUNT(*) FROM subset_members m JOIN samples s ON s.id = m.sample_id "
        "WHERE m.subset_id = ? GROUP BY s.label");
    st.bind(1, subsetId);
    std::map<QString, std::int64_t> out;
    while (st.step()) {
        const QString label = toQString(st.text(0));
        out[label.isEmpty() ? none : label] += st.int64(1);
    }
    return out;
}

}  // namespace

SubsetComparison compareSubsets(const catalog::Catalog& catalog, const std::string& a, const std::string& b,
                                Progress& progress) {
    const auto subsetA = catalog.subset(a);
    if (!subsetA) throw Error("the project has no subset '" + a + "'");
    const auto subsetB = catalog.subset(b);
    if (!subsetB) throw Error("the project has no subset '" + b + "'");
    progress.report(0, -1, "comparing subsets");
    SubsetComparison c;
    c.a = toQString(a);
    c.b = toQString(b);
    const auto idsA = memberIds(catalog, *subsetA);
    const auto idsB = memberIds(catalog, *subsetB);
    c.sizeA = static_cast<std::int64_t>(idsA.size());
    c.sizeB = static_cast<std::int64_t>(idsB.size());
    const std::unordered_set<std::int64_t> inA(idsA.begin(), idsA.end());
    for (std::int64_t id : idsB) c.both += inA.count(id);
    c.onlyA = c.sizeA - c.both;
    c.onlyB = c.sizeB - c.both;
    const std::int64_t either = c.sizeA + c.sizeB - c.both;
    c.jaccard = either > 0 ? static_cast<double>(c.both) / static_cast<double>(either) : 0.0;
    if (progress.isCanceled()) throw Canceled();

    const QString noLabel = QObject::tr("(no label)");
    c.groupings.push_back(merge(QObject::tr("Label"), labelCounts(catalog, subsetA->id, noLabel),
                                labelCounts(catalog, subsetB->id, noLabel), noLabel));

    const QString noCluster = QObject::tr("(none)");
    for (const std::string& name : catalog.scoreNames()) {
        if (name.rfind(kClusterScorePrefix, 0) != 0) continue;
        if (progress.isCanceled()) throw Canceled();
        auto count = [&](const std::vector<std::int64_t>& ids, bool* any) {
            std::map<QString, std::int64_t> out;
            for (double v : catalog.scores(name, ids)) {
                *any = *any || !std::isnan(v);
                ++out[std::isnan(v) ? noCluster : scoreValueText(v)];
            }
            return out;
        };
        bool anyA = false, anyB = false;
        const auto countsA = count(idsA, &anyA);
        const auto countsB = count(idsB, &anyB);
        if (anyA && anyB) c.groupings.push_back(merge(toQString(name), countsA, countsB, noCluster));
    }
    return c;
}

}  // namespace winnow::widgets
