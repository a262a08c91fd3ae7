// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QPointer>
#include <QStringList>
#include <QWidget>
#include <optional>

#include "curate/embedrun.h"
#include "curate/recipe.h"
#include "widgets/curation/curationjobs.h"
#include "widgets/jobs/jobmodel.h"

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTimer;

namespace winnow::widgets {

class FilterChainEditor;
class JobManager;
class MethodParamForm;
class Project;

/// The Curation panel (the main window docks it): builds a selection recipe and runs it.
///  - Embeddings: the project's embedders (catalog::Catalog::embedders) and Embed…, which runs
///    curate::embedProject as a job (built-in embedder or a TorchScript model file).
///  - Pool: dataset, split, label, tag, subset.
///  - Filters: an ordered chain of curate::recipeFilters() steps with key=value parameters.
///  - Selection: the method (curate::selectionMethods(), with its plain-words summary and a parameter form
///    generated from its MethodInfo), the size (all that is left, a count or a percentage), the seed and
///    the name of the subset to save.
/// A live preview counts the pool and what the cheap filters leave, off the GUI thread. Run executes
/// curate::runRecipe and curate::saveSelection as a job (progress and Cancel here and in the jobs dock);
/// errors are shown in the core's plain words. Recipes load from and save to JSON files.
///
/// Thread affinity: GUI thread.
class CurationPanel final : public QWidget {
    Q_OBJECT

public:
    enum SizeMode { AllLeft, Count, Percent };

    explicit CurationPanel(JobManager* jobs, QWidget* parent = nullptr);
    ~CurationPanel() override;

    void setProject(Project* project);
    /// Wide enough for the form without a horizontal scroll bar.
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

    /// The recipe the form describes.
    curate::Recipe recipe() const;
    /// Fills the form from a recipe (pool values, embedders or parameters the project or the method does
    /// not know are kept and marked, so nothing is lost).
    void setRecipe(const curate::Recipe& recipe);
    /// The subset name a run saves to: the one typed, or a suggestion ("typicality-1000") not yet taken.
    QString subsetName() const;

    /// Reads a recipe file into the form; false with *error in plain words when it cannot.
    bool loadRecipeFile(const QString& path, QString* error = nullptr);
    /// Writes the form's recipe (canonical JSON, indented); false with *error when it cannot.
    bool saveRecipeFile(const QString& path, QString* error = nullptr) const;
    /// Where the recipe dialogs start: the folder last used, else the project's folder.
    QString recipeDirectory() const;
    void setRecipeDirectory(const QString& directory) { m_recipeDirectory = directory; }

    bool isRunning() const { return m_runJob != 0; }
    JobId runJob() const { return m_runJob; }
    bool isEmbedding() const { return m_embedJob != 0; }
    /// The last preview (none until one ended, or after an error), and whether a newer one is on its way.
    const std::optional<PoolPreview>& preview() const { return m_preview; }
    bool isPreviewPending() const;
    /// The text under the Run button (the last outcome or problem) and whether it reports a problem.
    QString statusText() const;
    bool statusIsError() const { return m_statusIsError; }
    QString previewText() const;

    QComboBox* embedderBox() const { return m_embedder; }
    QPushButton* embedButton() const { return m_embed; }
    QComboBox* datasetBox() const { return m_dataset; }
    QComboBox* splitBox() const { return m_split; }
    QComboBox* labelBox() const { return m_label; }
    QComboBox* tagBox() const { return m_tag; }
    QComboBox* poolSubsetBox() const { return m_poolSubset; }
    FilterChainEditor* filters() const { return m_filters; }
    QComboBox* methodBox() const { return m_method; }
    QLabel* methodSummary() const { return m_methodSummary; }
    MethodParamForm* params() const { return m_params; }
    QComboBox* sizeModeBox() const { return m_sizeMode; }
    QSpinBox* sizeBox() const { return m_size; }
    QDoubleSpinBox* percentBox() const { return m_percent; }
    QSpinBox* seedBox() const { return m_seed; }
    QLineEdit* nameEdit() const { return m_name; }
    QCheckBox* replaceBox() const { return m_replace; }
    QPushButton* runButton() const { return m_run; }

public Q_SLOTS:
    /// Starts the selection job; false (with the reason in the status line) when it cannot start.
    bool run();
    void cancelRun();
    /// Starts an embed job.
    void embed(const curate::EmbedParams& params);
    /// Asks how to embed (EmbedDialog), then embed().
    void embedDialog();
    void loadRecipeDialog();
    void saveRecipeDialog();
    /// Re-reads datasets, splits, labels, tags, subsets and embedders, keeping the choices.
    void reloadChoices();

Q_SIGNALS:
    /// A run saved a subset.
    void subsetSaved(const QString& name);
    /// A run ended (saved: a subset was saved).
    void runFinished(bool saved);
    /// An embed run ended (ok: it returned a report).
    void embedFinished(bool ok);
    /// A preview ended (or failed).
    void previewUpdated();
    void statusMessage(const QString& message);

private:
    QWidget* buildForm();
    void reloadEmbedders();
    void methodChanged();
    void sizeModeChanged();
    void schedulePreview();
    void startPreview();
    void showPreview();
    void updateSuggestedName();
    void setStatus(const QString& text, bool error);
    void setRunning(bool running);
    void jobProgress(const QModelIndex& topLeft, const QModelIndex& bottomRight);
    QString explainError(const QString& message) const;

    JobManager* m_jobs;
    QPointer<Project> m_project;

    QComboBox* m_embedder;
    QPushButton* m_embed;
    QComboBox* m_dataset;
    QComboBox* m_split;
    QComboBox* m_label;
    QComboBox* m_tag;
    QComboBox* m_poolSubset;
    FilterChainEditor* m_filters;
    QComboBox* m_method;
    QLabel* m_methodSummary;
    MethodParamForm* m_params;
    QComboBox* m_sizeMode;
    QSpinBox* m_size;
    QDoubleSpinBox* m_percent;
    QSpinBox* m_seed;
    QLineEdit* m_name;
    QCheckBox* m_replace;
    QLabel* m_previewLabel;
    QProgressBar* m_progress;
    QLabel* m_status;
    QPushButton* m_load;
    QPushButton* m_save;
    QPushButton* m_run;
    QTimer* m_previewDelay;
    QWidget* m_form = nullptr;
    QString m_recipeDirectory;

    QStringList m_subsetNames;  // taken names, for the suggestion
    std::optional<PoolPreview> m_preview;
    QString m_previewError;
    JobId m_previewJob = 0;
    quint64 m_previewGeneration = 0;
    JobId m_runJob = 0;
    JobId m_embedJob = 0;
    bool m_statusIsError = false;
    bool m_loading = false;  // the form is being filled: no previews
    bool m_lastMethodSizeOptional = false;
};

}  // namespace winnow::widgets
