// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>
#include <vector>

#include "widgets/duplicates/keeppolicy.h"

class QComboBox;
class QHBoxLayout;
class QLabel;
class QListView;
class QPushButton;

namespace winnow::widgets {

class DuplicateGroupModel;
class GroupDelegate;
class ThumbnailProvider;
class ThumbnailScheduler;

/// One list of duplicate groups (exact or near) with its keep-one bar: a policy (keep first / largest /
/// sharpest) and buttons to tag the other members `duplicate` or to delete them. The buttons act on the
/// selected groups, or on all groups when none is selected. DuplicatesView does the acting.
///
/// Thread affinity: GUI thread.
class DuplicatePanel final : public QWidget {
    Q_OBJECT

public:
    DuplicatePanel(const QString& title, QWidget* parent = nullptr);

    DuplicateGroupModel* model() const { return m_model; }
    QListView* view() const { return m_view; }
    ThumbnailScheduler* scheduler() const { return m_scheduler; }
    /// Where a panel puts its own search controls (beside the title).
    QHBoxLayout* controls() const { return m_controls; }

    void setProvider(ThumbnailProvider* provider);
    void setStatus(const QString& text);
    /// Shows (or hides, when empty) a warning line.
    void setWarning(const QString& text);
    QString status() const;
    QString warning() const;

    KeepPolicy policy() const;
    void setPolicy(KeepPolicy policy);
    /// Rows the keep actions apply to: the selected groups, or all of them.
    std::vector<int> targetRows() const;

Q_SIGNALS:
    void tagOthersRequested();
    void deleteOthersRequested();
    void memberClicked(qint64 sampleId);

private:
    void updateButtons();

    DuplicateGroupModel* m_model;
    QListView* m_view;
    GroupDelegate* m_delegate;
    ThumbnailScheduler* m_scheduler;
    QHBoxLayout* m_controls;
    QLabel* m_status;
    QLabel* m_warning;
    QComboBox* m_policy;
    QPushButton* m_tagOthers;
    QPushButton* m_deleteOthers;
};

}  // namespace winnow::widgets
