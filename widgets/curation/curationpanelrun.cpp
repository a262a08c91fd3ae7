// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The Curation panel's jobs: the live preview, the selection run and embed runs.
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QRegularExpression>
#include <QPushButton>
#include <QSpinBox>
#include <QTimer>
#include <cmath>

#include "curate/methods.h"
#include "widgets/common/strings.h"
#include "widgets/curation/curationicons.h"
#include "widgets/curation/curationpanel.h"
#include "widgets/curation/embeddialog.h"
#include "widgets/curation/filterchaineditor.h"
#include "widgets/jobs/jobmanager.h"
#include "widgets/project/project.h"
#include "widgets/style/icons.h"

namespace winnow::widgets {

namespace {
const char* const kWarningColour = "#c77c02";
const char* const kErrorColour = "#d04a3c";

QString bold(const QString& text) { return QStringLiteral("<b>%1</b>").arg(text); }
}  // namespace

bool CurationPanel::isPreviewPending() const { return m_previewJob != 0 || m_previewDelay->isActive(); }

QString CurationPanel::previewText() const { return m_previewLabel->text(); }

void CurationPanel::schedulePreview() {
    updateSuggestedName();
    if (m_loading) return;
    m_previewDelay->start();
}

void CurationPanel::startPreview() {
    if (m_previewJob) m_jobs->cancel(m_previewJob);
    m_previewJob = 0;
    const quint64 generation = ++m_previewGeneration;
    if (!m_project) {
        m_preview.reset();
        m_previewError.clear();
        showPreview();
        return;
    }
    const std::string path = m_project->path().toStdString();
    const curate::Recipe recipe = this->recipe();
    m_previewJob = m_jobs->start<PoolPreview>(
        JobSpec{tr("Count the pool"), Resource::Decode, false},
        [path, recipe](Progress& progress) { return previewRecipe(path, recipe, progress); }, this,
        [this, generation](JobOutcome<PoolPreview> outcome) {
            if (generation != m_previewGeneration) return;  // the form changed since
            m_previewJob = 0;
            if (outcome.canceled) return;
            m_preview = outcome.value;
            m_previewError = outcome.value ? QString() : outcome.error;
            showPreview();
            Q_EMIT previewUpdated();
        });
}

void CurationPanel::showPreview() {
    if (!m_project) {
        m_previewLabel->setText(tr("Open a project to select from it."));
        return;
    }
    if (!m_previewError.isEmpty()) {
        m_previewLabel->setText(QStringLiteral("<span style=\"color:%1\">⚠ %2</span>")
                                    .arg(QLatin1String(kErrorColour), explainError(m_previewError).toHtmlEscaped()));
        return;
    }
    if (!m_preview) {
        m_previewLabel->setText(tr("Counting…"));
        return;
    }
    const PoolPreview& p = *m_preview;
    QString text = tr("%1 in the pool").arg(bold(counted(p.pool, tr("1 sample"), tr("%1 samples"))));
    const bool filters = !m_filters->steps().empty();
    const bool complete = p.stoppedAt.empty();
    if (filters) {
        if (complete) {
            text += tr(", about %1 after the filters").arg(bold(countText(p.remaining)));
        } else {
            QStringList counted;
            for (const auto& [name, n] : p.stages) counted << toQString(name);
            if (!counted.isEmpty())
                text += tr(", %1 after %2").arg(bold(countText(p.remaining)), counted.join(QStringLiteral(" → ")));
            text += tr(", %1 after %2 (known when it runs)").arg(bold(QStringLiteral("?")), toQString(p.stoppedAt));
        }
    }
    // What the selector will take.
    const curate::MethodInfo* method = curate::findMethod(m_method->currentData().toString().toStdString());
    std::int64_t take = p.remaining;
    switch (m_sizeMode->currentData().toInt()) {
    case Count: take = std::min<std::int64_t>(m_size->value(), p.remaining); break;
    case Percent: take = std::llround(m_percent->value() / 100.0 * static_cast<double>(p.remaining)); break;
    default: break;
    }
    const bool keepsWhatItFinds = method && method->sizeOptional && m_sizeMode->currentData().toInt() == AllLeft;
    if (keepsWhatItFinds)
        text += tr(" → keeps one per group found");
    else
        text += (complete ? tr(" → %1 selected") : tr(" → up to %1 selected")).arg(bold(countText(take)));
    text += QLatin1Char('.');

    if (p.embeddingsChecked) {
        const QString embedder = m_embedder->currentData().toString().toHtmlEscaped();
        QString warning;
        if (!p.embedderKnown)
            warning = tr("This project has no \"%1\" vectors yet: press Embed… first.").arg(embedder);
        else if (p.withoutVectors > 0)
            warning = tr("%1 without a \"%2\" vector: press Embed… to add them.")
                          .arg(counted(p.withoutVectors, tr("1 sample is"), tr("%1 samples are")), embedder);
        if (!warning.isEmpty())
            text += QStringLiteral("<br><span style=\"color:%1\">⚠ %2</span>").arg(QLatin1String(kWarningColour), warning);
    }
    m_previewLabel->setText(text);
}

QString CurationPanel::explainError(const QString& message) const {
    // The core's messages are for people, but name the command-line tool where the app has a button.
    static const QRegularExpression cli(QStringLiteral("run `winnow-cli embed[^`]*`"));
    QString text = message;
    text.replace(cli, tr("press Embed… in the Curation panel"));
    if (!text.isEmpty()) text[0] = text[0].toUpper();
    return text;
}

bool CurationPanel::run() {
    if (isRunning()) return false;
    if (!m_project) {
        setStatus(tr("Open a project first."), true);
        return false;
    }
    if (!m_filters->error().isEmpty()) {
        setStatus(m_filters->error(), true);
        return false;
    }
    const QString name = subsetName();
    if (name.isEmpty()) {
        setStatus(tr("Give the subset a name."), true);
        return false;
    }
    curate::Recipe recipe;
    try {
        recipe = curate::parseRecipe(curate::recipeJson(this->recipe()));  // the checks a recipe file gets
        if (!m_replace->isChecked() && m_project->catalog().subset(name.toStdString())) {
            setStatus(tr("A subset named \"%1\" exists already: choose another name, or tick Replace.").arg(name), true);
            return false;
        }
    } catch (const std::exception& e) {
        setStatus(explainError(QString::fromUtf8(e.what())), true);
        return false;
    }
    setStatus(tr("Selecting \"%1\"…").arg(name), false);
    const QPointer<Project> project = m_project;
    m_runJob = startSelection(m_jobs, m_project, recipe, name, m_replace->isChecked(), this,
                              [this, project](const JobOutcome<SelectionRun>& outcome) {
                                  if (project != m_project) return;  // another project was opened since
                                  setRunning(false);
                                  m_runJob = 0;
                                  if (outcome.value) {
                                      setStatus(selectionSummary(*outcome.value), false);
                                      m_name->clear();  // the next run gets a fresh suggestion
                                      Q_EMIT subsetSaved(toQString(outcome.value->name));
                                      Q_EMIT runFinished(true);
                                      return;
                                  }
                                  setStatus(outcome.canceled ? tr("Canceled; nothing was saved.")
                                                             : explainError(outcome.error),
                                            !outcome.canceled);
                                  Q_EMIT runFinished(false);
                              });
    setRunning(true);
    return true;
}

void CurationPanel::cancelRun() {
    if (m_runJob) m_jobs->cancel(m_runJob);
}

void CurationPanel::setRunning(bool running) {
    m_run->setText(running ? tr("Cancel") : tr("Run"));
    m_run->setIcon(running ? icon(IconId::Cancel) : curationIcon(CurationIconId::Run));
    m_run->setToolTip(running ? tr("Stop the selection (nothing is saved)") : tr("Run the recipe and save the result as a subset"));
    m_progress->setRange(0, 0);
    m_progress->setVisible(running);
    m_load->setEnabled(!running && m_project);
}

void CurationPanel::jobProgress(const QModelIndex& topLeft, const QModelIndex& bottomRight) {
    if (!m_runJob) return;
    const int row = m_jobs->model()->rowOf(m_runJob);
    if (row < topLeft.row() || row > bottomRight.row()) return;
    const QModelIndex index = m_jobs->model()->index(row);
    const double fraction = index.data(JobModel::FractionRole).toDouble();
    if (fraction < 0) {
        m_progress->setRange(0, 0);
    } else {
        m_progress->setRange(0, 1000);
        m_progress->setValue(static_cast<int>(fraction * 1000));
    }
    const QString stage = index.data(JobModel::StageRole).toString();
    if (!stage.isEmpty() && isRunning()) m_status->setText(tr("Selecting: %1…").arg(stage));
}

void CurationPanel::embed(const curate::EmbedParams& params) {
    if (!m_project || isEmbedding()) return;
    setStatus(tr("Embedding… (progress in the Jobs dock)"), false);
    m_embed->setEnabled(false);
    const QPointer<Project> project = m_project;
    m_embedJob = startEmbed(m_jobs, m_project, params, this, [this, project](const JobOutcome<curate::EmbedReport>& outcome) {
        if (project != m_project) return;  // another project was opened since
        m_embedJob = 0;
        m_embed->setEnabled(m_project != nullptr);
        if (outcome.value) {
            const curate::EmbedReport& report = *outcome.value;
            if (const int i = m_embedder->findData(toQString(report.embedder)); i >= 0) m_embedder->setCurrentIndex(i);
            QString text = embedSummary(report);
            if (!report.errors.empty())
                text += tr("\nFirst failure: sample %1: %2").arg(report.errors.front().sampleId).arg(toQString(report.errors.front().message));
            setStatus(text, false);
        } else {
            setStatus(outcome.canceled ? tr("Embedding canceled; the vectors committed so far are kept.")
                                       : explainError(outcome.error),
                      !outcome.canceled);
        }
        Q_EMIT embedFinished(outcome.value.has_value());
    });
}

void CurationPanel::embedDialog() {
    if (!m_project) return;
    EmbedDialog dialog(this);
    QStringList names;
    std::vector<std::pair<QString, std::int64_t>> datasets;
    try {
        for (const auto& e : m_project->catalog().embedders()) names << toQString(e.name);
        for (const auto& d : m_project->catalog().datasets()) datasets.emplace_back(toQString(d.name), d.id);
    } catch (const std::exception& e) {
        setStatus(QString::fromUtf8(e.what()), true);
        return;
    }
    dialog.setEmbedders(names);
    dialog.setDatasets(datasets);
    dialog.setEmbedder(m_embedder->currentData().toString());
    dialog.setStartDirectory(QFileInfo(m_project->path()).absolutePath());
    if (dialog.exec() != QDialog::Accepted) return;
    embed(dialog.params());
}

}  // namespace winnow::widgets
