// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/map/projectmapdata.h"

#include <QCoreApplication>
#include <algorithm>
#include <cmath>
#include <numeric>
#include <unordered_map>

#include "catalog/catalog.h"
#include "common/error.h"
#include "curate/methods.h"

namespace winnow::widgets {

namespace {

QString tr(const char* text) { return QCoreApplication::translate("winnow::widgets::ProjectMap", text); }

MapLayoutData fromLayout(curate::Layout&& layout) {
    MapLayoutData d;
    d.found = true;
    d.embedder = std::move(layout.embedder);
    d.method = std::move(layout.method);
    d.params = std::move(layout.params);
    d.key = std::move(layout.key);
    d.info = std::move(layout.info);
    d.cached = layout.cached;
    d.seconds = layout.seconds;
    d.created = layout.created;
    d.ids = std::move(layout.ids);
    const std::size_t n = d.ids.size();
    d.x.resize(n);
    d.y.resize(n);
    const int cols = layout.xy.cols;
    for (std::size_t i = 0; i < n && cols >= 2; ++i) {
        const float* row = layout.xy.row(static_cast<std::int64_t>(i));
        d.x[i] = row[0];
        d.y[i] = row[1];
    }
    d.rowsById.resize(n);
    std::iota(d.rowsById.begin(), d.rowsById.end(), std::int64_t{0});
    std::sort(d.rowsById.begin(), d.rowsById.end(), [&](std::int64_t a, std::int64_t b) { return d.ids[a] < d.ids[b]; });
    return d;
}

/// The row of a sample through rowsById (-1 when absent).
std::int64_t findRow(const std::vector<std::int64_t>& ids, const std::vector<std::int64_t>& rowsById, std::int64_t id) {
    auto it = std::lower_bound(rowsById.begin(), rowsById.end(), id,
                               [&](std::int64_t row, std::int64_t value) { return ids[row] < value; });
    return it != rowsById.end() && ids[*it] == id ? *it : -1;
}

/// Category indices of string values (sorted names; "" is no value).
struct Categories {
    std::vector<std::int32_t> values;
    QStringList names;
    bool any = false;
};

Categories categorize(const std::vector<std::string>& values) {
    std::vector<std::string> distinct;
    for (const auto& v : values)
        if (!v.empty()) distinct.push_back(v);
    std::sort(distinct.begin(), distinct.end());
    distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
    Categories c;
    c.any = !distinct.empty();
    c.values.resize(values.size(), -1);
    std::unordered_map<std::string, std::int32_t> index;
    for (std::size_t k = 0; k < distinct.size(); ++k) {
        index.emplace(distinct[k], static_cast<std::int32_t>(k));
        c.names << QString::fromStdString(distinct[k]);
    }
    for (std::size_t r = 0; r < values.size(); ++r)
        if (!values[r].empty()) c.values[r] = index[values[r]];
    return c;
}

void checkCanceled(Progress& progress) {
    if (progress.isCanceled()) throw Canceled();
}

}  // namespace

std::int64_t MapLayoutData::rowOf(std::int64_t sampleId) const { return findRow(ids, rowsById, sampleId); }

MapLayoutData computeMapLayout(const std::string& projectPath, const curate::LayoutRequest& request, Progress& progress) {
    auto catalog = catalog::Catalog::open(projectPath, catalog::Catalog::Mode::ReadWrite);
    return fromLayout(curate::computeLayout(catalog, request, progress));
}

MapLayoutData loadNewestMapLayout(const std::string& projectPath, Progress& progress) {
    auto catalog = catalog::Catalog::open(projectPath, catalog::Catalog::Mode::ReadWrite);
    for (const auto& summary : curate::cachedLayouts(catalog)) {  // newest first
        if (!summary.current) continue;
        curate::LayoutRequest request;
        request.embedder = summary.embedder;
        request.method = summary.method;
        request.params = curate::MethodParams::fromJson(summary.params.is_object() ? summary.params : nlohmann::json::object());
        return fromLayout(curate::computeLayout(catalog, request, progress));
    }
    return {};
}

MapColourData loadMapColourings(const std::string& projectPath, const std::vector<std::int64_t>& ids,
                                const std::vector<std::int64_t>& rowsById, Progress& progress) {
    const auto catalog = catalog::Catalog::open(projectPath, catalog::Catalog::Mode::ReadOnly);
    const std::size_t n = ids.size();
    MapColourData out;

    // One pass over the samples: label, dataset, split and the quality stats of each row.
    progress.report(0, -1, "reading samples");
    std::vector<std::string> labels(n), splits(n), datasets(n);
    std::vector<float> blur(n, NAN), brightness(n, NAN), contrast(n, NAN);
    std::unordered_map<std::int64_t, std::string> datasetName;
    for (const auto& d : catalog.datasets()) datasetName.emplace(d.id, d.name);
    const std::int64_t page = 50000;
    for (std::int64_t offset = 0;; offset += page) {
        checkCanceled(progress);
        const auto samples = catalog.samples({}, offset, page);
        for (const auto& s : samples) {
            const std::int64_t row = findRow(ids, rowsById, s.id);
            if (row < 0) continue;
            labels[row] = s.label;
            splits[row] = s.split;
            datasets[row] = datasetName[s.datasetId];
            if (s.status == catalog::SampleStatus::Ok) {
                blur[row] = static_cast<float>(s.blur);
                brightness[row] = static_cast<float>(s.brightness);
                contrast[row] = static_cast<float>(s.contrast);
            }
        }
        if (static_cast<std::int64_t>(samples.size()) < page) break;
    }
    Categories label = categorize(labels);
    Categories dataset = categorize(datasets);
    Categories split = categorize(splits);
    out.labelOf = label.values;
    out.labelNames = label.names;
    out.datasetOf = dataset.values;
    out.datasetNames = dataset.names;
    if (label.any) out.colourings.push_back(MapColouring::byCategory(tr("label"), std::move(label.values), label.names));
    out.colourings.push_back(MapColouring::byCategory(tr("dataset"), std::move(dataset.values), dataset.names));
    if (split.any) out.colourings.push_back(MapColouring::byCategory(tr("split"), std::move(split.values), split.names));

    // Stored scores: clusters as categories first, then the numeric ones.
    checkCanceled(progress);
    progress.report(0, -1, "reading scores");
    std::vector<MapColouring> numeric;
    for (const auto& name : catalog.scoreNames()) {
        checkCanceled(progress);
        const std::vector<double> values = catalog.scores(name, ids);
        const QString title = QString::fromStdString(name);
        if (name.rfind("cluster:", 0) == 0) {
            std::vector<std::int32_t> categories(n, -1);
            std::int32_t most = -1;
            for (std::size_t r = 0; r < n; ++r)
                if (std::isfinite(values[r]) && values[r] >= 0 && values[r] < 1e6) {
                    categories[r] = static_cast<std::int32_t>(std::lround(values[r]));
                    most = std::max(most, categories[r]);
                }
            QStringList names;
            for (std::int32_t k = 0; k <= most && k < 65535; ++k) names << tr("cluster %1").arg(k);
            out.colourings.push_back(MapColouring::byCategory(title, std::move(categories), names));
        } else {
            std::vector<float> scores(n);
            for (std::size_t r = 0; r < n; ++r) scores[r] = static_cast<float>(values[r]);
            numeric.push_back(MapColouring::byScore(title, std::move(scores)));
        }
    }
    out.colourings.push_back(MapColouring::byScore(tr("blur"), std::move(blur)));
    out.colourings.push_back(MapColouring::byScore(tr("brightness"), std::move(brightness)));
    out.colourings.push_back(MapColouring::byScore(tr("contrast"), std::move(contrast)));
    for (auto& c : numeric) out.colourings.push_back(std::move(c));

    // Membership of each subset and each tag.
    progress.report(0, -1, "reading subsets and tags");
    for (const auto& subset : catalog.subsets()) {
        checkCanceled(progress);
        std::vector<std::int64_t> rows;
        for (const auto& m : catalog.subsetMembers(subset.id)) {
            const std::int64_t row = findRow(ids, rowsById, m.sampleId);
            if (row >= 0) rows.push_back(row);
        }
        const QString name = QString::fromStdString(subset.name);
        out.colourings.push_back(MapColouring::byMembership(tr("subset: %1").arg(name), n, rows, tr("in %1").arg(name),
                                                            tr("not in %1").arg(name)));
        out.subsetRows.emplace(name, std::move(rows));
    }
    for (const auto& tag : catalog.tags()) {
        checkCanceled(progress);
        catalog::SampleFilter f;
        f.tag = tag.name;
        std::vector<std::int64_t> rows;
        for (std::int64_t id : catalog.sampleIds(f)) {
            const std::int64_t row = findRow(ids, rowsById, id);
            if (row >= 0) rows.push_back(row);
        }
        const QString name = QString::fromStdString(tag.name);
        out.colourings.push_back(MapColouring::byMembership(tr("tag: %1").arg(name), n, rows, tr("tagged %1").arg(name),
                                                            tr("not tagged")));
    }
    return out;
}

}  // namespace winnow::widgets
