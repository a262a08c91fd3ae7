// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/duplicates/duplicategroupmodel.h"

#include <QLocale>
#include <climits>

#include "widgets/thumbnails/thumbnailprovider.h"

namespace winnow::widgets {

DuplicateGroupModel::DuplicateGroupModel(QObject* parent) : QAbstractListModel(parent) {}

void DuplicateGroupModel::setThumbnails(ThumbnailProvider* provider) {
    disconnect(m_connection);
    m_thumbnails = provider;
    if (provider)
        m_connection = connect(provider, &ThumbnailProvider::thumbnailsLoaded, this, &DuplicateGroupModel::thumbnailsLoaded);
    if (!m_groups.empty()) Q_EMIT dataChanged(index(0), index(rowCount() - 1), {Qt::DecorationRole});
}

ThumbnailProvider* DuplicateGroupModel::thumbnails() const { return m_thumbnails; }

void DuplicateGroupModel::setGroups(std::vector<DuplicateGroup> groups, bool exact) {
    beginResetModel();
    m_groups = std::move(groups);
    m_exact = exact;
    m_rowOf.clear();
    for (std::size_t row = 0; row < m_groups.size(); ++row)
        for (std::int64_t id : m_groups[row].sampleIds) m_rowOf.insert(id, static_cast<int>(row));
    endResetModel();
}

std::size_t DuplicateGroupModel::memberCount() const {
    std::size_t n = 0;
    for (const auto& g : m_groups) n += g.sampleIds.size();
    return n;
}

int DuplicateGroupModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_groups.size());
}

Qt::ItemFlags DuplicateGroupModel::flags(const QModelIndex& index) const {
    if (!index.isValid()) return Qt::NoItemFlags;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
}

QVariant DuplicateGroupModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) return {};
    const DuplicateGroup& g = m_groups[static_cast<std::size_t>(index.row())];
    switch (role) {
        case Qt::DisplayRole: {
            const QString count = tr("%1 images").arg(g.sampleIds.size());
            if (m_exact) return tr("%1 · identical bytes").arg(count);
            return g.maxDistance == 0 ? tr("%1 · identical pHash").arg(count)
                                      : tr("%1 · pHash distance ≤ %2").arg(count).arg(g.maxDistance);
        }
        case Qt::ToolTipRole:
            return tr("Group %1: samples %2").arg(index.row() + 1).arg([&] {
                QStringList ids;
                for (std::size_t i = 0; i < g.sampleIds.size() && i < 20; ++i) ids << QString::number(g.sampleIds[i]);
                if (g.sampleIds.size() > 20) ids << QStringLiteral("…");
                return ids.join(QStringLiteral(", "));
            }());
        case MemberIdsRole: return QVariant::fromValue(QList<qint64>(g.sampleIds.begin(), g.sampleIds.end()));
        case CountRole: return static_cast<int>(g.sampleIds.size());
        case DistanceRole: return g.maxDistance;
        default: return {};
    }
}

void DuplicateGroupModel::thumbnailsLoaded(const QList<qint64>& ids) {
    int lo = INT_MAX, hi = -1;
    for (qint64 id : ids) {
        const int row = m_rowOf.value(id, -1);
        if (row < 0) continue;
        lo = std::min(lo, row);
        hi = std::max(hi, row);
    }
    if (hi >= 0) Q_EMIT dataChanged(index(lo), index(hi), {Qt::DecorationRole});
}

}  // namespace winnow::widgets
