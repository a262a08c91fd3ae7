// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/curation/subsetsview.h"

#include <QAction>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QSortFilterProxyModel>
#include <QStackedWidget>
#include <QStyledItemDelegate>
#include <QToolButton>
#include <QTreeView>
#include <QUndoStack>
#include <QVBoxLayout>

#include "widgets/common/strings.h"
#include "widgets/curation/curationicons.h"
#include "widgets/curation/deletesubsetcommand.h"
#include "widgets/curation/subsetmodel.h"
#include "widgets/project/project.h"
#include "widgets/style/icons.h"

namespace winnow::widgets {

namespace {
/// Rows with some air: the default is tight for a table read at a glance.
class RowDelegate final : public QStyledItemDelegate {
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override {
        return QStyledItemDelegate::sizeHint(option, index) + QSize(0, 6);
    }
};

QToolButton* toolButton(QAction* action) {
    auto* b = new QToolButton;
    b->setDefaultAction(action);
    b->setAutoRaise(true);
    b->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    return b;
}
}  // namespace

SubsetsView::SubsetsView(QWidget* parent)
    : QWidget(parent),
      m_model(new SubsetModel(this)),
      m_proxy(new QSortFilterProxyModel(this)),
      m_view(new QTreeView),
      m_stack(new QStackedWidget),
      m_empty(new QLabel) {
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(SubsetModel::SortRole);
    m_proxy->setSortCaseSensitivity(Qt::CaseInsensitive);
    m_view->setObjectName(QStringLiteral("SubsetsTable"));
    m_view->setModel(m_proxy);
    m_view->setItemDelegate(new RowDelegate(m_view));
    m_view->setRootIsDecorated(false);
    m_view->setUniformRowHeights(true);
    m_view->setAlternatingRowColors(true);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(SubsetModel::CreatedColumn, Qt::DescendingOrder);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setTextElideMode(Qt::ElideRight);
    m_view->header()->setStretchLastSection(false);
    m_view->header()->setSectionResizeMode(QHeaderView::Interactive);
    m_view->header()->setSectionResizeMode(SubsetModel::ParametersColumn, QHeaderView::Stretch);
    m_view->header()->resizeSection(SubsetModel::NameColumn, 150);
    m_view->header()->resizeSection(SubsetModel::SizeColumn, 64);
    m_view->header()->resizeSection(SubsetModel::MethodColumn, 120);
    m_view->header()->resizeSection(SubsetModel::CreatedColumn, 120);

    m_empty->setWordWrap(true);
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setForegroundRole(QPalette::PlaceholderText);
    m_empty->setMargin(12);
    m_stack->addWidget(m_view);
    m_stack->addWidget(m_empty);

    m_compare = new QAction(curationIcon(CurationIconId::Compare), tr("Compare…"), this);
    m_compare->setToolTip(tr("Compare two subsets: overlap and counts per label"));
    m_delete = new QAction(icon(IconId::Delete), tr("Delete…"), this);
    m_delete->setToolTip(tr("Delete the selected subsets (their samples stay in the project)"));
    m_showAll = new QAction(icon(IconId::Clear), tr("Show All"), this);
    m_showAll->setToolTip(tr("Stop filtering the browser by a subset"));
    m_delete->setShortcut(QKeySequence::Delete);
    m_delete->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addAction(m_delete);

    auto* bar = new QHBoxLayout;
    bar->setContentsMargins(4, 2, 4, 2);
    bar->setSpacing(2);
    bar->addWidget(toolButton(m_showAll));
    bar->addStretch(1);
    bar->addWidget(toolButton(m_compare));
    bar->addWidget(toolButton(m_delete));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_stack, 1);
    layout->addLayout(bar);

    connect(m_compare, &QAction::triggered, this, [this] {
        const QStringList chosen = selectedSubsets();
        Q_EMIT compareRequested(chosen.value(0, m_current), chosen.value(1));
    });
    connect(m_delete, &QAction::triggered, this, [this] {
        const QStringList chosen = selectedSubsets();
        if (chosen.size() == 1) {
            deleteSubset(chosen.front());
            return;
        }
        if (chosen.isEmpty() || !m_project) return;
        const auto answer = QMessageBox::question(
            this, tr("Delete Subsets"),
            tr("Delete the %1 selected subsets?\nTheir samples stay in the project; Edit ▸ Undo restores them.")
                .arg(chosen.size()),
            QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
        if (answer != QMessageBox::Yes) return;
        m_project->undoStack()->beginMacro(tr("Delete %1 Subsets").arg(chosen.size()));
        for (const QString& name : chosen) deleteSubset(name, false);
        m_project->undoStack()->endMacro();
    });
    connect(m_showAll, &QAction::triggered, this, [this] {
        m_view->clearSelection();
        m_view->setCurrentIndex({});
    });
    connect(m_model, &QAbstractItemModel::modelReset, this, &SubsetsView::modelReset);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, &SubsetsView::selectionChanged);
    setProject(nullptr);
}

void SubsetsView::setProject(Project* project) {
    m_project = project;
    m_current.clear();
    m_model->setProject(project);
}

QString SubsetsView::currentSubset() const { return m_current; }

QStringList SubsetsView::selectedSubsets() const {
    QModelIndexList rows = m_view->selectionModel()->selectedRows(SubsetModel::NameColumn);
    std::sort(rows.begin(), rows.end(), [](const QModelIndex& a, const QModelIndex& b) { return a.row() < b.row(); });
    QStringList names;
    for (const QModelIndex& index : rows) names << index.data(SubsetModel::NameRole).toString();
    return names;
}

void SubsetsView::setCurrentSubset(const QString& name) {
    m_quiet = true;
    const int row = name.isEmpty() ? -1 : m_model->rowOfName(name);
    if (row < 0) {
        m_view->clearSelection();
        m_view->setCurrentIndex({});
    } else {
        const QModelIndex index = m_proxy->mapFromSource(m_model->index(row, 0));
        m_view->setCurrentIndex(index);
        m_view->selectionModel()->select(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        m_view->scrollTo(index);
    }
    m_current = row < 0 ? QString() : name;
    m_quiet = false;
    updateActions();
}

void SubsetsView::selectionChanged() {
    const QStringList chosen = selectedSubsets();
    const QString current = chosen.size() == 1 ? chosen.front() : (chosen.isEmpty() ? QString() : m_current);
    updateActions();
    if (current == m_current) return;
    m_current = current;
    if (!m_quiet) Q_EMIT currentSubsetChanged(current);
}

void SubsetsView::modelReset() {
    // A reset drops the selection: choose the same subset again, or tell that it is gone.
    const QString before = m_current;
    const bool gone = !before.isEmpty() && m_model->rowOfName(before) < 0;
    setCurrentSubset(gone ? QString() : before);
    if (gone) Q_EMIT currentSubsetChanged(QString());
    const bool empty = m_model->rowCount() == 0;
    if (!m_project)
        m_empty->setText(tr("No project open."));
    else if (!m_model->error().isEmpty())
        m_empty->setText(m_model->error());
    else
        m_empty->setText(tr("No subsets yet.\nCurate ▸ Select Subset… makes one from a recipe."));
    m_stack->setCurrentWidget(empty ? static_cast<QWidget*>(m_empty) : m_view);
    updateActions();
}

void SubsetsView::updateActions() {
    const int selected = static_cast<int>(m_view->selectionModel()->selectedRows().size());
    m_compare->setEnabled(m_project && m_model->rowCount() >= 2);
    m_delete->setEnabled(m_project && selected > 0);
    m_showAll->setEnabled(!m_current.isEmpty());
}

bool SubsetsView::deleteSubset(const QString& name, bool confirm) {
    if (!m_project || name.isEmpty()) return false;
    const int row = m_model->rowOfName(name);
    if (confirm) {
        const qint64 size = row >= 0 ? m_model->subset(row).size : 0;
        const auto answer = QMessageBox::question(
            this, tr("Delete Subset"),
            tr("Delete the subset \"%1\" (%2)?\nIts samples stay in the project; Edit ▸ Undo restores it.")
                .arg(name, counted(size, tr("1 sample"), tr("%1 samples"))),
            QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
        if (answer != QMessageBox::Yes) return false;
    }
    try {
        m_project->undoStack()->push(new DeleteSubsetCommand(m_project, name.toStdString()));
    } catch (const std::exception& e) {
        m_project->reportError(QString::fromUtf8(e.what()));
        return false;
    }
    Q_EMIT statusMessage(tr("Deleted the subset \"%1\" (Edit ▸ Undo restores it)").arg(name));
    return true;
}

}  // namespace winnow::widgets
