// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QAbstractListModel>
#include <QHash>
#include <QPointer>
#include <vector>

#include "widgets/duplicates/duplicategroup.h"

namespace winnow::widgets {

class ThumbnailProvider;
struct ThumbnailEntry;

/// Duplicate groups, one row per group (the members are ids; their thumbnails come from the provider).
///
/// Thread affinity: GUI thread.
class DuplicateGroupModel final : public QAbstractListModel {
    Q_OBJECT

public:
    enum Role {
        MemberIdsRole = Qt::UserRole + 1,  ///< QList<qint64>
        CountRole,                         ///< int
        DistanceRole,                      ///< int: largest pHash distance in the group (0: exact)
    };

    explicit DuplicateGroupModel(QObject* parent = nullptr);

    void setThumbnails(ThumbnailProvider* provider);
    ThumbnailProvider* thumbnails() const;
    void setGroups(std::vector<DuplicateGroup> groups, bool exact);
    void clear() { setGroups({}, m_exact); }

    const std::vector<DuplicateGroup>& groups() const { return m_groups; }
    const DuplicateGroup& group(int row) const { return m_groups[static_cast<std::size_t>(row)]; }
    bool isExact() const { return m_exact; }
    /// Samples in all groups.
    std::size_t memberCount() const;

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;

private:
    void thumbnailsLoaded(const QList<qint64>& ids);

    std::vector<DuplicateGroup> m_groups;
    QHash<qint64, int> m_rowOf;
    QPointer<ThumbnailProvider> m_thumbnails;
    QMetaObject::Connection m_connection;
    bool m_exact = true;
};

}  // namespace winnow::widgets
