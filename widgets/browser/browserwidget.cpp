// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/browser/browserwidget.h"

#include <QAction>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QSlider>
#include <QToolButton>
#include <QUndoStack>
#include <QVBoxLayout>

#include "widgets/browser/filterbar.h"
#include "widgets/browser/samplemodel.h"
#include "widgets/browser/tagprompt.h"
#include "widgets/browser/thumbnailview.h"
#include "widgets/commands/addtagcommand.h"
#include "widgets/commands/removetagcommand.h"
#include "widgets/common/strings.h"
#include "widgets/project/project.h"
#include "widgets/style/icons.h"

namespace winnow::widgets {

namespace {
QToolButton* toolButton(QAction* action) {
    auto* button = new QToolButton;
    button->setDefaultAction(action);
    button->setAutoRaise(true);
    return button;
}

int selectedCount(const QItemSelection& selection) {
    int n = 0;
    for (const QItemSelectionRange& range : selection) n += range.height();
    return n;
}
}  // namespace

BrowserWidget::BrowserWidget(QWidget* parent)
    : QWidget(parent),
      m_model(new SampleModel(this)),
      m_view(new ThumbnailView),
      m_filterBar(new FilterBar),
      m_count(new QLabel),
      m_zoom(new QSlider(Qt::Horizontal)) {
    m_view->setModel(m_model);

    m_addTag = new QAction(icon(IconId::TagAdd), tr("&Add Tag…"), this);
    m_addTag->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_T));
    m_addTag->setToolTip(tr("Add a tag to the selected samples"));
    m_removeTag = new QAction(icon(IconId::TagRemove), tr("&Remove Tag…"), this);
    m_removeTag->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_T));
    m_removeTag->setToolTip(tr("Remove a tag from the selected samples"));
    m_tagAll = new QAction(tr("Tag All &Matching…"), this);
    m_tagAll->setToolTip(tr("Add a tag to every sample that matches the filter"));
    m_delete = new QAction(icon(IconId::Delete), tr("Remove from &Catalog…"), this);
    m_delete->setShortcut(QKeySequence::Delete);
    m_delete->setToolTip(tr("Remove the selected samples from the project (the files are not touched)"));
    m_zoomIn = new QAction(icon(IconId::ZoomIn), tr("Zoom &In"), this);
    m_zoomIn->setShortcut(QKeySequence::ZoomIn);
    m_zoomOut = new QAction(icon(IconId::ZoomOut), tr("Zoom &Out"), this);
    m_zoomOut->setShortcut(QKeySequence::ZoomOut);
    for (QAction* a : {m_addTag, m_removeTag, m_delete, m_zoomIn, m_zoomOut})
        a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addActions({m_addTag, m_removeTag, m_delete, m_zoomIn, m_zoomOut});
    auto* separator = new QAction(this);
    separator->setSeparator(true);
    m_view->addActions({m_addTag, m_removeTag, m_tagAll, separator, m_delete});
    m_view->setContextMenuPolicy(Qt::ActionsContextMenu);
    connect(m_addTag, &QAction::triggered, this, &BrowserWidget::askAddTag);
    connect(m_removeTag, &QAction::triggered, this, &BrowserWidget::askRemoveTag);
    connect(m_tagAll, &QAction::triggered, this, &BrowserWidget::askTagAll);
    connect(m_delete, &QAction::triggered, this, &BrowserWidget::askDelete);
    connect(m_zoomIn, &QAction::triggered, m_view, &ThumbnailView::zoomIn);
    connect(m_zoomOut, &QAction::triggered, m_view, &ThumbnailView::zoomOut);

    m_zoom->setRange(ThumbnailView::kMinimumSize, ThumbnailView::kMaximumSize);
    m_zoom->setValue(m_view->thumbnailSize());
    m_zoom->setMaximumWidth(160);
    m_zoom->setToolTip(tr("Thumbnail size (Ctrl+wheel)"));
    connect(m_zoom, &QSlider::valueChanged, m_view, &ThumbnailView::setThumbnailSize);
    connect(m_view, &ThumbnailView::thumbnailSizeChanged, m_zoom, [this](int size) {
        const QSignalBlocker blocker(m_zoom);
        m_zoom->setValue(size);
    });

    auto* bar = new QHBoxLayout;
    bar->setContentsMargins(6, 2, 6, 2);
    bar->addWidget(m_count, 1);
    bar->addWidget(toolButton(m_addTag));
    bar->addWidget(toolButton(m_removeTag));
    bar->addSpacing(12);
    bar->addWidget(toolButton(m_zoomOut));
    bar->addWidget(m_zoom);
    bar->addWidget(toolButton(m_zoomIn));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addLayout(bar);
    layout->addWidget(m_view, 1);

    connect(m_filterBar, &FilterBar::filterChanged, m_model, &SampleModel::setFilter);
    connect(m_model, &SampleModel::totalCountChanged, this, [this](qint64 total) {
        updateCountLabel();
        Q_EMIT matchCountChanged(total);
    });
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        updateCountLabel();
        updateActions();
        Q_EMIT selectionCountChanged(0);
        // The inspector keeps its sample across refreshes (it clears itself when the sample is deleted).
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        Q_EMIT selectionCountChanged(selectedCount(m_view->selectionModel()->selection()));
        updateActions();
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex& current) { Q_EMIT currentSampleChanged(m_model->sampleId(current.row())); });
    setProject(nullptr);
}

BrowserWidget::~BrowserWidget() = default;

void BrowserWidget::setProject(Project* project) {
    if (m_project) disconnect(m_project, nullptr, this, nullptr);
    m_project = project;
    m_filterBar->setProject(project);
    m_model->setProject(project ? project->path() : QString(), project ? project->thumbnails() : nullptr,
                        m_filterBar->filter());
    m_view->setProvider(project ? project->thumbnails() : nullptr);
    if (project) {
        connect(project, &Project::samplesChanged, this, &BrowserWidget::refresh);
        connect(project, &Project::tagsChanged, this, &BrowserWidget::tagsChanged);
    }
    updateCountLabel();
    updateActions();
}

void BrowserWidget::refresh() {
    m_model->refresh();
}

void BrowserWidget::tagsChanged() {
    // Only a tag filter makes the listing depend on tags.
    if (m_model->filter().tag) m_model->refresh();
}

std::vector<std::int64_t> BrowserWidget::selectedSampleIds() const {
    return m_model->sampleIds(m_view->selectionModel()->selectedIndexes());
}

qint64 BrowserWidget::currentSampleId() const { return m_model->sampleId(m_view->currentIndex().row()); }

void BrowserWidget::updateCountLabel() {
    const QLocale locale;
    if (!m_project) {
        m_count->setText(tr("No project open"));
        m_view->setEmptyText(tr("Create a project (File ▸ New Project) or open one to browse its samples."));
        return;
    }
    const qint64 total = m_model->totalCount();
    m_count->setText(m_filterBar->isFiltering() ? tr("%1 matching samples").arg(locale.toString(total))
                                                : tr("%1 samples").arg(locale.toString(total)));
    if (!m_model->error().isEmpty()) {
        m_view->setEmptyText(m_model->error());
    } else if (m_filterBar->isFiltering()) {
        m_view->setEmptyText(tr("No samples match the filter."));
    } else {
        m_view->setEmptyText(tr("No samples yet.\nImport a folder, an ImageFolder tree, a CSV or COCO manifest, "
                                "IDX files or a tar shard: File ▸ Import, or drop it on the window."));
    }
}

void BrowserWidget::updateActions() {
    const bool selection = m_project && m_view->selectionModel()->hasSelection();
    m_addTag->setEnabled(selection);
    m_removeTag->setEnabled(selection);
    m_delete->setEnabled(selection);
    m_tagAll->setEnabled(m_project && m_model->totalCount() > 0);
}

QStringList BrowserWidget::tagNames() const {
    QStringList names;
    if (!m_project) return names;
    try {
        for (const auto& tag : m_project->catalog().tags()) names << QString::fromStdString(tag.name);
    } catch (const std::exception& e) {
        m_project->reportError(QString::fromUtf8(e.what()));
    }
    return names;
}

void BrowserWidget::tagSelection(const QString& tag) {
    const auto ids = selectedSampleIds();
    if (!m_project || tag.isEmpty() || ids.empty()) return;
    m_project->undoStack()->push(new AddTagCommand(m_project, tag.toStdString(), ids));
    Q_EMIT statusMessage(counted(static_cast<std::int64_t>(ids.size()), tr("Tagged 1 sample \"%2\""),
                                 tr("Tagged %1 samples \"%2\""))
                             .arg(tag));
}

void BrowserWidget::untagSelection(const QString& tag) {
    const auto ids = selectedSampleIds();
    if (!m_project || tag.isEmpty() || ids.empty()) return;
    m_project->undoStack()->push(new RemoveTagCommand(m_project, tag.toStdString(), ids));
}

void BrowserWidget::askAddTag() {
    const QString tag = promptForTag(this, tr("Add Tag"), tr("Tag for the selected samples:"), tagNames(), true);
    tagSelection(tag);
}

void BrowserWidget::askRemoveTag() {
    const QStringList names = tagNames();
    if (names.isEmpty()) {
        Q_EMIT statusMessage(tr("The project has no tags yet"));
        return;
    }
    untagSelection(promptForTag(this, tr("Remove Tag"), tr("Tag to remove from the selected samples:"), names, false));
}

void BrowserWidget::askTagAll() {
    if (!m_project) return;
    const QString tag = promptForTag(this, tr("Tag All Matching"),
                                     tr("Tag for all %1 matching samples:").arg(QLocale().toString(m_model->totalCount())),
                                     tagNames(), true);
    if (tag.isEmpty()) return;
    const auto ids = m_model->allSampleIds();
    m_project->undoStack()->push(new AddTagCommand(m_project, tag.toStdString(), ids));
}

void BrowserWidget::askDelete() {
    const auto ids = selectedSampleIds();
    if (!m_project || ids.empty()) return;
    const auto answer = QMessageBox::question(
        this, tr("Remove Samples"),
        counted(static_cast<std::int64_t>(ids.size()), tr("Remove the selected sample from the project?"),
                tr("Remove the %1 selected samples from the project?")) +
            tr("\nThe image files are not touched, but this cannot be undone."),
        QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
    if (answer != QMessageBox::Yes) return;
    try {
        const auto removed = m_project->catalog().deleteSamples(ids);
        m_project->notifySamplesChanged();
        Q_EMIT statusMessage(counted(removed, tr("Removed 1 sample"), tr("Removed %1 samples")));
    } catch (const std::exception& e) {
        m_project->reportError(QString::fromUtf8(e.what()));
    }
}

}  // namespace winnow::widgets
