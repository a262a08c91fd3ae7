// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QPointer>
#include <QWidget>

class QAction;
class QLabel;
class QSortFilterProxyModel;
class QStackedWidget;
class QTreeView;

namespace winnow::widgets {

class Project;
class SubsetModel;

/// The Subsets dock: the project's saved subsets in a sortable table (SubsetModel). Choosing one asks for
/// the thumbnail grid to be filtered by it (currentSubsetChanged); Compare and Delete (confirmed, undoable)
/// act on the selection.
///
/// Thread affinity: GUI thread.
class SubsetsView final : public QWidget {
    Q_OBJECT

public:
    explicit SubsetsView(QWidget* parent = nullptr);

    void setProject(Project* project);

    SubsetModel* model() const { return m_model; }
    QTreeView* view() const { return m_view; }
    QAction* compareAction() const { return m_compare; }
    QAction* deleteAction() const { return m_delete; }
    QAction* showAllAction() const { return m_showAll; }

    /// The chosen subset ("" when none).
    QString currentSubset() const;
    /// The subsets selected in the table, in table order.
    QStringList selectedSubsets() const;

public Q_SLOTS:
    /// Chooses a subset ("" clears the choice) without emitting currentSubsetChanged (the filter bar
    /// calls it to follow its own subset choice).
    void setCurrentSubset(const QString& name);
    /// Deletes a subset after asking when `confirm`; undoable through the project's undo stack.
    /// Returns true when it was deleted.
    bool deleteSubset(const QString& name, bool confirm = true);

Q_SIGNALS:
    /// The user chose a subset ("" when the choice was cleared).
    void currentSubsetChanged(const QString& name);
    /// Compare was asked for, with the subsets to start from (b may be "").
    void compareRequested(const QString& a, const QString& b);
    void statusMessage(const QString& message);

private:
    void updateActions();
    void modelReset();
    void selectionChanged();

    QPointer<Project> m_project;
    SubsetModel* m_model;
    QSortFilterProxyModel* m_proxy;
    QTreeView* m_view;
    QStackedWidget* m_stack;
    QLabel* m_empty;
    QAction* m_compare;
    QAction* m_delete;
    QAction* m_showAll;
    QString m_current;
    bool m_quiet = false;
};

}  // namespace winnow::widgets
