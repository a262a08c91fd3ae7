// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/browser/samplemodel.h"

#include <algorithm>
#include <climits>

#include "widgets/thumbnails/thumbnailprovider.h"

namespace winnow::widgets {

SampleModel::SampleModel(QObject* parent) : QAbstractListModel(parent) {}

SampleModel::~SampleModel() = default;

void SampleModel::setProject(const QString& projectPath, ThumbnailProvider* thumbnails,
                             const catalog::SampleFilter& filter) {
    beginResetModel();
    m_filter = filter;
    disconnect(m_thumbnailConnection);
    m_projectPath = projectPath;
    m_thumbnails = thumbnails;
    m_catalog.reset();
    m_error.clear();
    if (!projectPath.isEmpty()) {
        try {
            m_catalog = std::make_unique<catalog::Catalog>(
                catalog::Catalog::open(projectPath.toStdString(), catalog::Catalog::Mode::ReadOnly));
        } catch (const std::exception& e) {
            m_error = QString::fromUtf8(e.what());
        }
    }
    if (thumbnails)
        m_thumbnailConnection =
            connect(thumbnails, &ThumbnailProvider::thumbnailsLoaded, this, &SampleModel::thumbnailsLoaded);
    reload();
    endResetModel();
    Q_EMIT totalCountChanged(m_total);
}

void SampleModel::setFilter(const catalog::SampleFilter& filter) {
    beginResetModel();
    m_filter = filter;
    reload();
    endResetModel();
    Q_EMIT totalCountChanged(m_total);
}

void SampleModel::refresh() {
    beginResetModel();
    reload();
    endResetModel();
    Q_EMIT totalCountChanged(m_total);
}

void SampleModel::reload() {
    m_ids.clear();
    m_rowOf.clear();
    m_total = 0;
    if (!m_catalog) return;
    try {
        m_total = m_catalog->countSamples(m_filter);
    } catch (const std::exception& e) {
        m_error = QString::fromUtf8(e.what());
    }
}

bool SampleModel::recountAppended() {
    if (!m_catalog || m_filter.order != catalog::SampleOrder::Id || m_filter.descending) return false;
    try {
        const qint64 total = m_catalog->countSamples(m_filter);
        if (total != m_total) {
            m_total = std::max<qint64>(total, static_cast<qint64>(m_ids.size()));
            Q_EMIT totalCountChanged(m_total);
        }
    } catch (const std::exception&) {
        return false;  // busy or gone: try again later
    }
    return true;
}

qint64 SampleModel::sampleId(int row) const {
    return row >= 0 && row < static_cast<int>(m_ids.size()) ? m_ids[static_cast<std::size_t>(row)] : 0;
}

int SampleModel::rowOfSample(qint64 sampleId) const { return m_rowOf.value(sampleId, -1); }

std::vector<std::int64_t> SampleModel::sampleIds(const QModelIndexList& indexes) const {
    std::vector<std::int64_t> ids;
    ids.reserve(static_cast<std::size_t>(indexes.size()));
    for (const QModelIndex& index : indexes) {
        if (index.isValid() && index.model() == this) ids.push_back(sampleId(index.row()));
    }
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    return ids;
}

std::vector<std::int64_t> SampleModel::allSampleIds() const {
    if (!m_catalog) return {};
    try {
        return m_catalog->sampleIds(m_filter);
    } catch (const std::exception&) {
        return {};
    }
}

int SampleModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_ids.size());
}

Qt::ItemFlags SampleModel::flags(const QModelIndex& index) const {
    if (!index.isValid()) return Qt::NoItemFlags;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
}

QVariant SampleModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) return {};
    const qint64 id = m_ids[static_cast<std::size_t>(index.row())];
    if (role == SampleIdRole) return id;
    if (!m_thumbnails) return {};
    const ThumbnailEntry* entry = nullptr;
    switch (role) {
        case Qt::DisplayRole:
        case Qt::ToolTipRole:
        case Qt::DecorationRole:
        case MissingRole:
        case FailedRole:
            // Painting marks the thumbnail as used, which keeps what is on screen in the LRU.
            entry = m_thumbnails->entry(id);
            break;
        case LoadedRole: return m_thumbnails->isLoaded(id);
        default: return {};
    }
    switch (role) {
        case Qt::DisplayRole: return entry ? entry->caption : QString();
        case Qt::ToolTipRole: return entry ? entry->toolTip : tr("Sample %1 (loading…)").arg(id);
        case Qt::DecorationRole: return entry && !entry->missing ? QVariant(entry->pixmap) : QVariant();
        case MissingRole: return entry && entry->missing;
        case FailedRole: return entry && entry->failed;
        default: return {};
    }
}

bool SampleModel::canFetchMore(const QModelIndex& parent) const {
    return !parent.isValid() && m_catalog && static_cast<qint64>(m_ids.size()) < m_total;
}

void SampleModel::fetchMore(const QModelIndex& parent) {
    if (!canFetchMore(parent)) return;
    const auto have = static_cast<qint64>(m_ids.size());
    const qint64 want = std::min<qint64>(m_pageSize, m_total - have);
    std::vector<std::int64_t> page;
    try {
        page = m_catalog->sampleIds(m_filter, have, want);
    } catch (const std::exception& e) {
        m_error = QString::fromUtf8(e.what());
    }
    ++m_fetchCount;
    m_largestFetch = std::max(m_largestFetch, static_cast<int>(page.size()));
    if (page.empty()) {
        // The listing shrank since it was counted (samples deleted elsewhere): stop here.
        m_total = have;
        Q_EMIT totalCountChanged(m_total);
        return;
    }
    const int first = static_cast<int>(have);
    beginInsertRows({}, first, first + static_cast<int>(page.size()) - 1);
    m_ids.reserve(m_ids.size() + page.size());
    for (std::int64_t id : page) {
        m_rowOf.insert(id, static_cast<int>(m_ids.size()));
        m_ids.push_back(id);
    }
    endInsertRows();
}

void SampleModel::thumbnailsLoaded(const QList<qint64>& ids) {
    int lo = INT_MAX, hi = -1;
    for (qint64 id : ids) {
        const int row = m_rowOf.value(id, -1);
        if (row < 0) continue;
        lo = std::min(lo, row);
        hi = std::max(hi, row);
    }
    // One signal for the span: batches are contiguous runs of rows near the viewport.
    if (hi >= 0) Q_EMIT dataChanged(index(lo), index(hi), {Qt::DecorationRole, Qt::DisplayRole, Qt::ToolTipRole,
                                                           LoadedRole, MissingRole, FailedRole});
}

}  // namespace winnow::widgets
