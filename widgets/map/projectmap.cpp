// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/map/projectmap.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QStackedWidget>
#include <QTimer>
#include <QToolButton>
#include <QUndoStack>
#include <QVBoxLayout>
#include <QWidgetAction>
#include <algorithm>
#include <cmath>

#include "catalog/catalog.h"
#include "common/error.h"
#include "widgets/browser/tagprompt.h"
#include "widgets/commands/addtagcommand.h"
#include "widgets/common/strings.h"
#include "widgets/curation/methodparamform.h"
#include "widgets/jobs/jobmanager.h"
#include "widgets/map/mappanel.h"
#include "widgets/map/mapview.h"
#include "widgets/project/project.h"
#include "widgets/thumbnails/thumbnailprovider.h"

namespace winnow::widgets {

namespace {

const curate::MethodInfo* findLayoutMethod(const QString& name) {
    for (const auto& m : curate::layoutMethods())
        if (QString::fromStdString(m.name) == name) return &m;
    return nullptr;
}

QString methodTitle(const std::string& method) {
    if (method == "pca") return QObject::tr("PCA");
    if (method == "tsne") return QObject::tr("t-SNE");
    if (method == "umap") return QObject::tr("UMAP");
    return QString::fromStdString(method);
}

QString secondsText(double s) { return s < 0.05 ? QObject::tr("< 0.1 s") : QObject::tr("%1 s").arg(s, 0, 'f', s < 10 ? 1 : 0); }

}  // namespace

ProjectMap::ProjectMap(JobManager* jobs, QWidget* parent)
    : QWidget(parent),
      m_jobs(jobs),
      m_panel(new MapPanel),
      m_stack(new QStackedWidget),
      m_empty(new QLabel),
      m_embedder(new QComboBox),
      m_method(new QComboBox),
      m_paramsButton(new QToolButton),
      m_params(new MethodParamForm),
      m_compute(new QPushButton(tr("Compute"))),
      m_status(new QLabel),
      m_colourDelay(new QTimer(this)),
      m_layout(std::make_shared<MapLayoutData>()),
      m_colours(std::make_shared<MapColourData>()) {
    m_embedder->setToolTip(tr("The stored vectors to lay out"));
    m_embedder->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_embedder->setMinimumContentsLength(12);
    for (const auto& m : curate::layoutMethods()) {
        m_method->addItem(methodTitle(m.name), QString::fromStdString(m.name));
        m_method->setItemData(m_method->count() - 1, QString::fromStdString(m.summary), Qt::ToolTipRole);
    }
    m_method->setToolTip(tr("How the vectors are laid out in two dimensions"));
    const int umap = m_method->findData(QStringLiteral("umap"));
    if (umap >= 0) m_method->setCurrentIndex(umap);

    // The parameters live in a drop-down so the bar stays one line.
    m_paramsButton->setText(tr("Parameters"));
    m_paramsButton->setToolTip(tr("The method's parameters (empty fields keep their defaults)"));
    m_paramsButton->setPopupMode(QToolButton::InstantPopup);
    m_paramsButton->setToolButtonStyle(Qt::ToolButtonTextOnly);
    auto* menu = new QMenu(m_paramsButton);
    auto* holder = new QWidget;
    auto* holderLayout = new QVBoxLayout(holder);
    holderLayout->setContentsMargins(10, 8, 10, 8);
    holderLayout->addWidget(m_params);
    holder->setMinimumWidth(280);
    auto* action = new QWidgetAction(menu);
    action->setDefaultWidget(holder);
    menu->addAction(action);
    m_paramsButton->setMenu(menu);
    m_compute->setToolTip(tr("Compute the layout as a job (progress and Cancel in the Jobs dock); a cached one is read back"));
    m_status->setForegroundRole(QPalette::PlaceholderText);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* bar = new QHBoxLayout;
    bar->setContentsMargins(6, 6, 6, 0);
    bar->setSpacing(6);
    bar->addWidget(new QLabel(tr("Layout of")));
    bar->addWidget(m_embedder);
    bar->addWidget(m_method);
    bar->addWidget(m_paramsButton);
    bar->addWidget(m_compute);
    bar->addSpacing(8);
    bar->addWidget(m_status, 1);

    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_empty->setForegroundRole(QPalette::PlaceholderText);
    m_empty->setMargin(24);
    m_stack->addWidget(m_empty);
    m_stack->addWidget(m_panel);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addLayout(bar);
    layout->addWidget(m_stack, 1);

    connect(m_method, &QComboBox::currentIndexChanged, this, &ProjectMap::methodChanged);
    connect(m_compute, &QPushButton::clicked, this, [this] {
        if (isComputing())
            cancelCompute();
        else
            compute();
    });
    connect(m_panel, &MapPanel::saveSelectionAsTagRequested, this, &ProjectMap::askTagSelection);
    connect(m_panel, &MapPanel::saveSelectionAsSubsetRequested, this, &ProjectMap::askSaveSelectionAsSubset);
    connect(m_panel, &MapPanel::showSelectionRequested, this, &ProjectMap::showSelectionRequested);
    MapView* v = m_panel->view();
    connect(v, &MapView::selectionChanged, this, &ProjectMap::selectionChanged);
    connect(v, &MapView::pointActivated, this, [this](qint64 row) {
        if (row >= 0 && static_cast<std::size_t>(row) < m_layout->ids.size()) Q_EMIT sampleActivated(m_layout->ids[row]);
    });
    v->setThumbnailSource([this](std::int64_t row) { return thumbnailOf(row); });
    v->setCaptionSource([this](std::int64_t row) { return captionOf(row); });

    m_colourDelay->setSingleShot(true);
    m_colourDelay->setInterval(250);
    connect(m_colourDelay, &QTimer::timeout, this, &ProjectMap::loadColourings);

    methodChanged();
    setProject(nullptr);
}

ProjectMap::~ProjectMap() {
    if (m_jobs)
        for (JobId id : {m_computeJob, m_loadJob, m_colourJob})
            if (id) m_jobs->cancel(id);
}

MapView* ProjectMap::view() const { return m_panel->view(); }

void ProjectMap::setProject(Project* project) {
    if (m_project) {
        disconnect(m_project, nullptr, this, nullptr);
        if (m_project->thumbnails()) disconnect(m_project->thumbnails(), nullptr, this, nullptr);
    }
    for (JobId id : {m_computeJob, m_loadJob, m_colourJob})
        if (id && m_jobs) m_jobs->cancel(id);
    m_computeJob = m_loadJob = m_colourJob = 0;
    m_colourDelay->stop();
    m_project = project;
    m_thumbnailClient = 0;
    m_highlightName.clear();
    m_layout = std::make_shared<MapLayoutData>();
    m_colours = std::make_shared<MapColourData>();
    m_panel->clearColourings();
    m_panel->view()->clearHighlight();
    m_panel->view()->clearPoints();
    setStatus(QString());
    if (project) {
        connect(project, &Project::embeddersChanged, this, [this] {
            reloadEmbedders();
            if (!isComputing()) loadCached();
        });
        connect(project, &Project::subsetsChanged, this, &ProjectMap::scheduleColourings);
        connect(project, &Project::scoresChanged, this, &ProjectMap::scheduleColourings);
        connect(project, &Project::tagsChanged, this, &ProjectMap::scheduleColourings);
        connect(project, &Project::samplesChanged, this, &ProjectMap::scheduleColourings);
        if (ThumbnailProvider* thumbnails = project->thumbnails()) {
            m_thumbnailClient = thumbnails->registerClient();
            connect(thumbnails, &ThumbnailProvider::thumbnailsLoaded, this, [this](const QList<qint64>& ids) {
                const std::int64_t row = view()->hoveredRow();
                if (row >= 0 && view()->hoveredLayer() == MapLayer::Base &&
                    static_cast<std::size_t>(row) < m_layout->ids.size() && ids.contains(m_layout->ids[row]))
                    view()->refreshHover();
            });
        }
    }
    reloadEmbedders();
    if (project) loadCached();
    updateState();
    Q_EMIT layoutChanged();
}

void ProjectMap::reloadEmbedders() {
    const QString current = m_embedder->currentData().toString();
    const QSignalBlocker blocker(m_embedder);
    m_embedder->clear();
    if (m_project) {
        try {
            for (const auto& e : m_project->catalog().embedders())
                m_embedder->addItem(tr("%1 · %2-d").arg(toQString(e.name)).arg(e.dim), toQString(e.name));
        } catch (const std::exception& e) {
            setStatus(QString::fromUtf8(e.what()));
        }
    }
    if (m_embedder->count() == 0) {
        m_embedder->addItem(tr("no embeddings yet"));
        m_embedder->setEnabled(false);
    } else {
        m_embedder->setEnabled(true);
        m_embedder->setCurrentIndex(std::max(0, m_embedder->findData(current)));
    }
    updateState();
}

void ProjectMap::methodChanged() {
    m_params->setMethod(findLayoutMethod(m_method->currentData().toString()));
}

curate::LayoutRequest ProjectMap::request() const {
    curate::LayoutRequest r;
    const QString embedder = m_embedder->currentData().toString();
    if (!embedder.isEmpty()) r.embedder = embedder.toStdString();
    r.method = m_method->currentData().toString().toStdString();
    r.params = curate::MethodParams::fromJson(m_params->params());
    return r;
}

bool ProjectMap::isShowingMap() const { return m_stack->currentWidget() == m_panel; }

QString ProjectMap::statusText() const { return m_statusText; }

bool ProjectMap::isBusy() const {
    return m_computeJob != 0 || m_loadJob != 0 || m_colourJob != 0 || m_colourDelay->isActive() || !view()->isReady();
}

bool ProjectMap::compute(bool recompute) {
    if (!m_project || isComputing()) return false;
    curate::LayoutRequest r;
    try {
        r = request();
    } catch (const std::exception& e) {
        setStatus(QString::fromUtf8(e.what()));
        return false;
    }
    if (m_embedder->currentData().toString().isEmpty()) {
        setStatus(tr("Embed the project first (Curate ▸ Embed…)"));
        return false;
    }
    r.recompute = recompute;
    if (m_loadJob) {  // a computed layout supersedes the cached one being read
        m_jobs->cancel(m_loadJob);
        m_loadJob = 0;
    }
    const std::string path = m_project->path().toStdString();
    const QString title = tr("Map: %1 of %2").arg(methodTitle(r.method), toQString(r.embedder));
    auto job = std::make_shared<JobId>(0);
    *job = m_computeJob = m_jobs->start<MapLayoutData>(
        JobSpec{title, Resource::Core}, [path, r](Progress& progress) { return computeMapLayout(path, r, progress); }, this,
        [this, job, title](JobOutcome<MapLayoutData> outcome) {
            if (*job != m_computeJob) return;  // superseded (another project)
            m_computeJob = 0;
            if (outcome.value) {
                showLayout(std::move(*outcome.value));
                Q_EMIT statusMessage(tr("%1: done").arg(title));
                Q_EMIT computeFinished(true);
            } else {
                setStatus(outcome.canceled ? tr("Canceled") : tr("Could not compute the layout: %1").arg(outcome.error));
                updateState();
                Q_EMIT computeFinished(false);
            }
        });
    setStatus(tr("Computing %1 of %2…").arg(methodTitle(r.method), toQString(r.embedder)));
    updateState();
    return true;
}

void ProjectMap::cancelCompute() {
    if (m_computeJob) m_jobs->cancel(m_computeJob);
}

void ProjectMap::loadCached() {
    if (!m_project) return;
    if (m_loadJob) m_jobs->cancel(m_loadJob);
    const std::string path = m_project->path().toStdString();
    auto job = std::make_shared<JobId>(0);
    *job = m_loadJob = m_jobs->start<MapLayoutData>(
        JobSpec{tr("Load the map"), Resource::Core, false},
        [path](Progress& progress) { return loadNewestMapLayout(path, progress); }, this,
        [this, job](JobOutcome<MapLayoutData> outcome) {
            if (*job != m_loadJob) return;  // superseded (a newer load, a computation, another project)
            m_loadJob = 0;
            if (outcome.value) {
                showLayout(std::move(*outcome.value));
            } else {
                if (!outcome.canceled) setStatus(tr("Could not read the cached layout: %1").arg(outcome.error));
                updateState();
            }
        });
    updateState();
}

void ProjectMap::showLayout(MapLayoutData layout) {
    if (m_colourJob) {
        m_jobs->cancel(m_colourJob);
        m_colourJob = 0;
    }
    auto shown = std::make_shared<MapLayoutData>(std::move(layout));
    m_layout = shown;
    m_colours = std::make_shared<MapColourData>();
    m_panel->clearColourings();
    view()->clearHighlight();
    if (shown->found) {
        // Show the layout's own choices in the bar.
        const QSignalBlocker b1(m_embedder);
        const int e = m_embedder->findData(toQString(shown->embedder));
        if (e >= 0) m_embedder->setCurrentIndex(e);
        const int m = m_method->findData(toQString(shown->method));
        if (m >= 0 && m != m_method->currentIndex()) m_method->setCurrentIndex(m);
        view()->setPoints(shown->x, shown->y);
        QString text = tr("%1 of %2 · %3 points").arg(methodTitle(shown->method), toQString(shown->embedder),
                                                    countText(static_cast<std::int64_t>(shown->rowCount())));
        text += shown->cached ? tr(" · cached") : tr(" · %1").arg(secondsText(shown->seconds));
        setStatus(text);
        loadColourings();
    } else {
        view()->clearPoints();
        setStatus(QString());
    }
    updateState();
    Q_EMIT layoutChanged();
}

void ProjectMap::scheduleColourings() {
    if (m_layout->found) m_colourDelay->start();
}

void ProjectMap::loadColourings() {
    m_colourDelay->stop();
    if (!m_project || !m_layout->found) return;
    if (m_colourJob) m_jobs->cancel(m_colourJob);
    const std::string path = m_project->path().toStdString();
    std::shared_ptr<const MapLayoutData> layout = m_layout;
    auto job = std::make_shared<JobId>(0);
    *job = m_colourJob = m_jobs->start<MapColourData>(
        JobSpec{tr("Map colours"), Resource::Decode, false},
        [path, layout](Progress& progress) { return loadMapColourings(path, layout->ids, layout->rowsById, progress); },
        this, [this, job, layout](JobOutcome<MapColourData> outcome) {
            if (*job != m_colourJob || layout != m_layout) return;  // superseded
            m_colourJob = 0;
            if (outcome.value)
                applyColourings(std::move(*outcome.value));
            else if (!outcome.canceled)
                setStatus(tr("Could not read the colours: %1").arg(outcome.error));
            updateState();
        });
}

void ProjectMap::applyColourings(MapColourData data) {
    // Keep the colouring the user chose when it is still offered.
    const QString chosen = m_panel->colouringCount() > 0 ? view()->colouring().title : QString();
    auto colours = std::make_shared<MapColourData>(std::move(data));
    m_colours = colours;
    m_panel->clearColourings();
    int keep = -1;
    for (const MapColouring& c : colours->colourings) {
        const int index = m_panel->addColouring(c);
        if (keep < 0 && !chosen.isEmpty() && c.title == chosen) keep = index;
    }
    if (keep > 0) m_panel->setCurrentColouring(keep);
    applyHighlight();
    Q_EMIT colouringsReady();
}

void ProjectMap::applyHighlight() {
    if (m_highlightName.isEmpty()) {
        view()->clearHighlight();
        return;
    }
    const auto it = m_colours->subsetRows.find(m_highlightName);
    if (it == m_colours->subsetRows.end()) {
        view()->clearHighlight();  // not read yet (a new subset): the next colouring read brings it
        return;
    }
    view()->setHighlight(it->second, m_highlightName);
}

void ProjectMap::setHighlightSubset(const QString& name) {
    m_highlightName = name;
    applyHighlight();
}

std::vector<std::int64_t> ProjectMap::selectedSampleIds() const {
    std::vector<std::int64_t> ids;
    const auto& rows = view()->selection();
    ids.reserve(rows.size());
    for (std::int64_t row : rows)
        if (row >= 0 && static_cast<std::size_t>(row) < m_layout->ids.size()) ids.push_back(m_layout->ids[row]);
    return ids;
}

void ProjectMap::selectSamples(const std::vector<std::int64_t>& sampleIds) {
    std::vector<std::int64_t> rows;
    rows.reserve(sampleIds.size());
    for (std::int64_t id : sampleIds) {
        const std::int64_t row = m_layout->rowOf(id);
        if (row >= 0) rows.push_back(row);
    }
    view()->setSelection(std::move(rows));
}

void ProjectMap::clearSelection() { view()->clearSelection(); }

bool ProjectMap::tagSelection(const QString& tag) {
    const auto ids = selectedSampleIds();
    if (!m_project || tag.trimmed().isEmpty() || ids.empty()) return false;
    m_project->undoStack()->push(new AddTagCommand(m_project, tag.trimmed().toStdString(), ids));
    Q_EMIT statusMessage(counted(static_cast<std::int64_t>(ids.size()), tr("Tagged 1 sample \"%2\""),
                                 tr("Tagged %1 samples \"%2\""))
                             .arg(tag.trimmed()));
    return true;
}

bool ProjectMap::saveSelectionAsSubset(const QString& name, QString* error) {
    auto fail = [&](const QString& message) {
        if (error) *error = message;
        return false;
    };
    const QString trimmed = name.trimmed();
    const auto ids = selectedSampleIds();
    if (!m_project) return fail(tr("No project is open"));
    if (trimmed.isEmpty()) return fail(tr("The subset needs a name"));
    if (ids.empty()) return fail(tr("Nothing is selected"));
    try {
        catalog::Catalog& catalog = m_project->catalog();
        if (catalog.subset(trimmed.toStdString())) return fail(tr("A subset named \"%1\" exists already").arg(trimmed));
        catalog::Subset subset;
        subset.name = trimmed.toStdString();
        subset.method = "map-selection";
        subset.paramsJson = nlohmann::json{{"layout", m_layout->key},
                                           {"embedder", m_layout->embedder},
                                           {"method", m_layout->method},
                                           {"params", m_layout->params}}
                                .dump();
        std::vector<catalog::SubsetMember> members;
        members.reserve(ids.size());
        for (std::size_t i = 0; i < ids.size(); ++i) members.push_back({ids[i], static_cast<std::int64_t>(i), 0.0});
        catalog.saveSubset(subset, members);
    } catch (const std::exception& e) {
        return fail(QString::fromUtf8(e.what()));
    }
    m_project->notifySubsetsChanged();
    Q_EMIT statusMessage(counted(static_cast<std::int64_t>(ids.size()), tr("Saved 1 sample as subset \"%2\""),
                                 tr("Saved %1 samples as subset \"%2\""))
                             .arg(trimmed));
    Q_EMIT subsetSaved(trimmed);
    return true;
}

void ProjectMap::askTagSelection() {
    if (!m_project || view()->selection().empty()) return;
    QStringList names;
    try {
        for (const auto& tag : m_project->catalog().tags()) names << toQString(tag.name);
    } catch (const std::exception& e) {
        m_project->reportError(QString::fromUtf8(e.what()));
        return;
    }
    const auto n = static_cast<std::int64_t>(view()->selection().size());
    const QString tag = promptForTag(this, tr("Save as Tag"),
                                     counted(n, tr("Tag for the selected sample:"), tr("Tag for the %1 selected samples:")),
                                     names, true);
    if (!tag.isEmpty()) tagSelection(tag);
}

void ProjectMap::askSaveSelectionAsSubset() {
    if (!m_project || view()->selection().empty()) return;
    QString suggestion = QStringLiteral("map-selection");
    try {
        for (int i = 2; m_project->catalog().subset(suggestion.toStdString()); ++i)
            suggestion = QStringLiteral("map-selection-%1").arg(i);
    } catch (const std::exception&) {
    }
    const auto n = static_cast<std::int64_t>(view()->selection().size());
    for (;;) {
        bool ok = false;
        const QString name = QInputDialog::getText(
            this, tr("Save as Subset"),
            counted(n, tr("Name of the subset of the selected sample:"), tr("Name of the subset of the %1 selected samples:")),
            QLineEdit::Normal, suggestion, &ok);
        if (!ok) return;
        QString error;
        if (saveSelectionAsSubset(name, &error)) return;
        QMessageBox::warning(this, tr("Save as Subset"), error);
        suggestion = name;
    }
}

void ProjectMap::setStatus(const QString& text) {
    m_statusText = text;
    m_status->setText(text);
    m_status->setToolTip(text);
}

void ProjectMap::updateState() {
    const bool hasEmbedder = !m_embedder->currentData().toString().isEmpty();
    m_compute->setEnabled(m_project && (hasEmbedder || isComputing()));
    m_compute->setText(isComputing() ? tr("Cancel") : tr("Compute"));
    m_method->setEnabled(m_project && !isComputing());
    m_paramsButton->setEnabled(m_project && !isComputing());
    if (m_layout->found) {
        m_stack->setCurrentWidget(m_panel);
        return;
    }
    m_stack->setCurrentWidget(m_empty);
    if (!m_project)
        m_empty->setText(tr("Open a project to see its embedding map."));
    else if (isComputing())
        m_empty->setText(tr("Computing the layout…\nProgress and Cancel are in the Jobs dock."));
    else if (m_loadJob)
        m_empty->setText(tr("Reading the map…"));
    else if (!hasEmbedder)
        m_empty->setText(tr("Embed the project, then Compute a layout.\n\nCurate ▸ Embed… stores a vector per sample; "
                            "the map lays them out in two dimensions (PCA, t-SNE or UMAP) so that similar images "
                            "sit together."));
    else
        m_empty->setText(tr("Embed the project, then Compute a layout.\n\nThe project has embeddings: choose a method "
                            "above and press Compute. Layouts are cached in the project."));
}

QImage ProjectMap::thumbnailOf(std::int64_t row) {
    if (!m_project || row < 0 || static_cast<std::size_t>(row) >= m_layout->ids.size()) return {};
    ThumbnailProvider* thumbnails = m_project->thumbnails();
    if (!thumbnails) return {};
    const std::int64_t id = m_layout->ids[row];
    if (const ThumbnailEntry* entry = thumbnails->entry(id)) return entry->pixmap.isNull() ? QImage() : entry->pixmap.toImage();
    thumbnails->request(m_thumbnailClient, {id});
    return {};
}

QString ProjectMap::captionOf(std::int64_t row) const {
    if (row < 0 || static_cast<std::size_t>(row) >= m_layout->ids.size()) return {};
    QString text = tr("Sample %1").arg(m_layout->ids[row]);
    const MapColourData& c = *m_colours;
    auto name = [](const std::vector<std::int32_t>& of, const QStringList& names, std::int64_t r) {
        if (static_cast<std::size_t>(r) >= of.size() || of[r] < 0 || of[r] >= names.size()) return QString();
        return names[of[r]];
    };
    const QString label = name(c.labelOf, c.labelNames, row);
    const QString dataset = name(c.datasetOf, c.datasetNames, row);
    if (!label.isEmpty()) text += QStringLiteral(" · ") + label;
    if (!dataset.isEmpty()) text += QStringLiteral("\n") + dataset;
    const MapColouring& colouring = view()->colouring();
    if (colouring.kind == MapColouring::Kind::Score && colouring.scores && static_cast<std::size_t>(row) < colouring.scores->size()) {
        const float v = (*colouring.scores)[row];
        text += QStringLiteral("\n%1: %2").arg(colouring.title, std::isnan(v) ? tr("no value") : QString::number(v, 'g', 4));
    } else if (colouring.kind == MapColouring::Kind::Category && colouring.categories &&
               static_cast<std::size_t>(row) < colouring.categories->size() && colouring.title != tr("label") &&
               colouring.title != tr("dataset")) {
        const std::int32_t k = (*colouring.categories)[row];
        const QString value = k < 0 ? tr("no value") : k < colouring.categoryNames.size() ? colouring.categoryNames[k] : QString::number(k);
        text += QStringLiteral("\n%1: %2").arg(colouring.title, value);
    }
    return text;
}

}  // namespace winnow::widgets
