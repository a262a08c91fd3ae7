// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QPointer>
#include <QWidget>
#include <cstdint>
#include <vector>

class QAction;
class QLabel;
class QSlider;

namespace winnow::widgets {

class FilterBar;
class Project;
class SampleModel;
class ThumbnailView;

/// The dataset browser area: a zoomable thumbnail grid of the samples matching the filter bar, with
/// tagging (undoable) and removal of the selected samples. It contributes its filter bar (the main window
/// docks it) and its actions (the main window puts them in menus and tool bars).
///
/// Thread affinity: GUI thread.
class BrowserWidget final : public QWidget {
    Q_OBJECT

public:
    explicit BrowserWidget(QWidget* parent = nullptr);
    ~BrowserWidget() override;

    void setProject(Project* project);

    ThumbnailView* view() const { return m_view; }
    SampleModel* model() const { return m_model; }
    FilterBar* filterBar() const { return m_filterBar; }

    QAction* addTagAction() const { return m_addTag; }
    QAction* removeTagAction() const { return m_removeTag; }
    QAction* tagAllAction() const { return m_tagAll; }
    QAction* deleteAction() const { return m_delete; }
    QAction* zoomInAction() const { return m_zoomIn; }
    QAction* zoomOutAction() const { return m_zoomOut; }

    std::vector<std::int64_t> selectedSampleIds() const;
    qint64 currentSampleId() const;

public Q_SLOTS:
    /// Adds / removes a tag on the selection (undoable). Used by the actions after asking for the name.
    void tagSelection(const QString& tag);
    void untagSelection(const QString& tag);
    /// Re-reads the listing (samples changed).
    void refresh();

Q_SIGNALS:
    void currentSampleChanged(qint64 sampleId);
    void selectionCountChanged(int count);
    /// Samples matching the filter changed in number.
    void matchCountChanged(qint64 count);
    void statusMessage(const QString& message);

private:
    void askAddTag();
    void askRemoveTag();
    void askTagAll();
    void askDelete();
    void updateCountLabel();
    void updateActions();
    void tagsChanged();
    QStringList tagNames() const;

    QPointer<Project> m_project;
    SampleModel* m_model;
    ThumbnailView* m_view;
    FilterBar* m_filterBar;
    QLabel* m_count;
    QSlider* m_zoom;
    QAction* m_addTag;
    QAction* m_removeTag;
    QAction* m_tagAll;
    QAction* m_delete;
    QAction* m_zoomIn;
    QAction* m_zoomOut;
};

}  // namespace winnow::widgets
