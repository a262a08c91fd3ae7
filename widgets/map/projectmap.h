// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QPointer>
#include <QWidget>
#include <cstdint>
#include <memory>
#include <vector>

#include "curate/layouts.h"
#include "widgets/jobs/jobmodel.h"
#include "widgets/map/projectmapdata.h"

class QComboBox;
class QLabel;
class QPushButton;
class QStackedWidget;
class QTimer;
class QToolButton;

namespace winnow::widgets {

class JobManager;
class MapPanel;
class MapView;
class MethodParamForm;
class Project;

/// The project's embedding map: a layout bar (embedder, method with its parameters, Compute) above a
/// MapPanel fed from the project. Layouts are computed (curate::computeLayout) as jobs on the Core pool
/// with progress and Cancel; on project open and when the embedders change, the newest current cached
/// layout is loaded in the background. Colourings (label, dataset, split, clusters, quality, stored scores,
/// subset and tag membership) are read by a worker and re-read when subsets, tags or samples change. The
/// current subset is highlighted over the whole set; the selection is offered as sample ids
/// (selectionChanged), saved as a tag (undoable) or a subset; a click on a point names its sample
/// (sampleActivated); hovering shows the sample's thumbnail from the project's ThumbnailProvider.
/// Without a layout it explains what to do.
///
/// Thread affinity: GUI thread.
class ProjectMap final : public QWidget {
    Q_OBJECT

public:
    explicit ProjectMap(JobManager* jobs, QWidget* parent = nullptr);
    ~ProjectMap() override;

    void setProject(Project* project);

    MapPanel* panel() const { return m_panel; }
    MapView* view() const;
    QComboBox* embedderBox() const { return m_embedder; }
    QComboBox* methodBox() const { return m_method; }
    MethodParamForm* paramForm() const { return m_params; }
    QPushButton* computeButton() const { return m_compute; }
    /// The explanation shown instead of the map when there is no layout.
    QLabel* emptyLabel() const { return m_empty; }
    bool isShowingMap() const;
    QString statusText() const;

    /// The layout shown (found = false: none).
    const MapLayoutData& layout() const { return *m_layout; }
    bool hasLayout() const { return m_layout->found; }
    /// The colourings' data of the layout shown (empty until read).
    const MapColourData& colourData() const { return *m_colours; }
    /// True while a layout or colouring job runs or the view prepares points.
    bool isBusy() const;
    bool isComputing() const { return m_computeJob != 0; }

    /// The layout the bar describes.
    curate::LayoutRequest request() const;
    /// Starts computing the bar's layout as a job; false without a project or while one runs.
    bool compute(bool recompute = false);
    void cancelCompute();
    /// Loads the newest current cached layout in the background (or shows the empty state).
    void loadCached();

    /// Highlights a saved subset's members over the whole set ("" clears).
    void setHighlightSubset(const QString& name);
    const QString& highlightSubset() const { return m_highlightName; }

    /// The selected samples (in row order of the layout) and selection by sample ids.
    std::vector<std::int64_t> selectedSampleIds() const;
    void selectSamples(const std::vector<std::int64_t>& sampleIds);
    void clearSelection();

    /// Tags the selected samples (an undoable AddTagCommand). False when nothing was tagged.
    bool tagSelection(const QString& tag);
    /// Saves the selected samples as subset `name` (method "map-selection", params naming the layout),
    /// then tells the project. False with *error set when it cannot (no selection, name taken).
    bool saveSelectionAsSubset(const QString& name, QString* error = nullptr);

public Q_SLOTS:
    /// Ask for a tag / subset name (modal), then save.
    void askTagSelection();
    void askSaveSelectionAsSubset();

Q_SIGNALS:
    /// The selection changed (selectedSampleIds()).
    void selectionChanged();
    /// The user asked to see the selection in the grid (the browser already lists it).
    void showSelectionRequested();
    /// A click on a point.
    void sampleActivated(qint64 sampleId);
    /// A new layout is shown (or none).
    void layoutChanged();
    /// A compute job ended (ok: a layout is shown).
    void computeFinished(bool ok);
    /// The colourings of the shown layout were (re)read.
    void colouringsReady();
    void subsetSaved(const QString& name);
    void statusMessage(const QString& message);

private:
    void reloadEmbedders();
    void methodChanged();
    void showLayout(MapLayoutData layout);
    void scheduleColourings();
    void loadColourings();
    void applyColourings(MapColourData data);
    void applyHighlight();
    void updateState();
    void setStatus(const QString& text);
    QImage thumbnailOf(std::int64_t row);
    QString captionOf(std::int64_t row) const;

    QPointer<JobManager> m_jobs;  ///< may go first when a main window is destroyed
    QPointer<Project> m_project;
    MapPanel* m_panel;
    QStackedWidget* m_stack;
    QLabel* m_empty;
    QComboBox* m_embedder;
    QComboBox* m_method;
    QToolButton* m_paramsButton;
    MethodParamForm* m_params;
    QPushButton* m_compute;
    QLabel* m_status;
    QTimer* m_colourDelay;

    std::shared_ptr<const MapLayoutData> m_layout;
    std::shared_ptr<const MapColourData> m_colours;
    QString m_highlightName;
    JobId m_computeJob = 0;
    JobId m_loadJob = 0;
    JobId m_colourJob = 0;
    int m_thumbnailClient = 0;
    QString m_statusText;
};

}  // namespace winnow::widgets
