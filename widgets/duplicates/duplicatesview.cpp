// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/duplicates/duplicatesview.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QUndoStack>
#include <map>
#include <memory>

#include "widgets/commands/addtagcommand.h"
#include "widgets/common/strings.h"
#include "widgets/duplicates/duplicategroupmodel.h"
#include "widgets/duplicates/duplicatepanel.h"
#include "widgets/jobs/jobmanager.h"
#include "widgets/project/project.h"
#include "widgets/style/icons.h"

namespace winnow::widgets {

DuplicatesView::DuplicatesView(JobManager* jobs, QWidget* parent)
    : QWidget(parent),
      m_jobs(jobs),
      m_exact(new DuplicatePanel(tr("Exact duplicates"))),
      m_near(new DuplicatePanel(tr("Near duplicates"))),
      m_distance(new QSpinBox),
      m_findNear(new QPushButton(icon(IconId::Search), tr("Find"))) {
    m_near->model()->setGroups({}, false);
    m_distance->setRange(0, 32);
    m_distance->setValue(10);
    m_distance->setPrefix(tr("distance ≤ "));
    m_distance->setToolTip(tr("Largest Hamming distance between the 64-bit pHashes of two near duplicates"));
    m_near->controls()->addWidget(m_distance);
    m_near->controls()->addWidget(m_findNear);
    auto* refresh = new QPushButton(icon(IconId::Search), tr("Refresh"));
    m_exact->controls()->addWidget(refresh);
    connect(refresh, &QPushButton::clicked, this, &DuplicatesView::findExact);
    connect(m_findNear, &QPushButton::clicked, this, &DuplicatesView::findNear);

    for (DuplicatePanel* panel : {m_exact, m_near}) {
        connect(panel, &DuplicatePanel::memberClicked, this, &DuplicatesView::sampleActivated);
        connect(panel, &DuplicatePanel::tagOthersRequested, this, [this, panel] { tagOthers(panel); });
        connect(panel, &DuplicatePanel::deleteOthersRequested, this, [this, panel] { deleteOthers(panel); });
    }
    m_near->setStatus(tr("Choose a distance and press Find."));

    auto* splitter = new QSplitter(Qt::Horizontal);
    splitter->addWidget(m_exact);
    splitter->addWidget(m_near);
    splitter->setChildrenCollapsible(false);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(splitter);
    setProject(nullptr);
}

DuplicatesView::~DuplicatesView() = default;

int DuplicatesView::maxDistance() const { return m_distance->value(); }

void DuplicatesView::setMaxDistance(int distance) { m_distance->setValue(distance); }

void DuplicatesView::setProject(Project* project) {
    if (m_project) disconnect(m_project, nullptr, this, nullptr);
    m_jobs->cancel(m_exactJob);
    m_jobs->cancel(m_nearJob);
    m_project = project;
    for (DuplicatePanel* panel : {m_exact, m_near}) {
        panel->model()->clear();
        panel->setProvider(project ? project->thumbnails() : nullptr);
        panel->setWarning({});
    }
    m_findNear->setEnabled(project != nullptr);
    m_exact->setStatus(project ? QString() : tr("No project open."));
    m_near->setStatus(project ? tr("Choose a distance and press Find.") : QString());
    if (!project) return;
    connect(project, &Project::samplesChanged, this, &DuplicatesView::samplesChanged);
    searchExact(false);
}

void DuplicatesView::samplesChanged() {
    searchExact(false);
    if (m_near->model()->rowCount() > 0) {
        m_near->model()->clear();
        m_near->setStatus(tr("The samples changed: press Find to search again."));
    }
}

void DuplicatesView::findExact() { searchExact(true); }

void DuplicatesView::searchExact(bool listed) {
    if (!m_project) return;
    m_jobs->cancel(m_exactJob);
    m_exact->setStatus(tr("Searching…"));
    const std::string path = m_project->path().toStdString();
    auto id = std::make_shared<JobId>(0);  // known to the callback, which runs later
    m_exactJob = *id = m_jobs->start<std::vector<DuplicateGroup>>(
        JobSpec{tr("Find exact duplicates"), Resource::Core, listed},
        [path](Progress& progress) {
            progress.report(0, -1, "Grouping identical SHA-512");
            return findExactGroups(path);
        },
        this, [this, id](JobOutcome<std::vector<DuplicateGroup>> outcome) {
            if (outcome.value) {
                const std::size_t groups = outcome.value->size();
                m_exact->model()->setGroups(std::move(*outcome.value), true);
                m_exact->setStatus(groups == 0 ? tr("No exact duplicates.")
                                               : tr("%1 groups, %2 samples with identical bytes.")
                                                     .arg(countText(groups), countText(m_exact->model()->memberCount())));
                m_jobs->setSummary(*id, m_exact->status());
            } else {
                m_exact->setStatus(outcome.canceled ? tr("Canceled.") : outcome.error);
            }
            Q_EMIT searchFinished();
        });
}

void DuplicatesView::findNear() {
    if (!m_project) return;
    m_jobs->cancel(m_nearJob);
    dup::NearParams params;
    params.maxDistance = m_distance->value();
    const std::string path = m_project->path().toStdString();
    m_near->setStatus(tr("Searching…"));
    m_near->setWarning({});
    auto id = std::make_shared<JobId>(0);
    m_nearJob = *id = m_jobs->start<NearGroups>(
        JobSpec{tr("Find near duplicates (distance ≤ %1)").arg(params.maxDistance), Resource::Core},
        [path, params](Progress& progress) { return findNearGroups(path, params, progress); }, this,
        [this, params, id](JobOutcome<NearGroups> outcome) {
            if (!outcome.value) {
                m_near->setStatus(outcome.canceled ? tr("Canceled.") : outcome.error);
                Q_EMIT searchFinished();
                return;
            }
            NearGroups& result = *outcome.value;
            const std::size_t groups = result.groups.size();
            m_near->model()->setGroups(std::move(result.groups), false);
            m_near->setStatus(groups == 0 ? tr("No near duplicates among %1 samples.").arg(countText(result.samples))
                                          : tr("%1 groups, %2 samples, %3 pairs within distance %4.")
                                                .arg(countText(groups), countText(m_near->model()->memberCount()),
                                                     countText(result.pairs))
                                                .arg(params.maxDistance));
            m_near->setWarning(result.large ? tr("The largest group has %1 samples: the distance is probably too "
                                                 "loose, so unrelated images chain together. Try a smaller one.")
                                                  .arg(countText(result.largest))
                                            : QString());
            m_jobs->setSummary(*id, m_near->status());
            Q_EMIT searchFinished();
        });
}

std::vector<std::int64_t> DuplicatesView::othersToDrop(DuplicatePanel* panel) {
    std::vector<std::int64_t> drop;
    if (!m_project) return drop;
    const DuplicateGroupModel* model = panel->model();
    const std::vector<int> rows = panel->targetRows();
    std::vector<std::int64_t> all;
    for (int row : rows) {
        const auto& ids = model->group(row).sampleIds;
        all.insert(all.end(), ids.begin(), ids.end());
    }
    std::map<std::int64_t, catalog::Sample> byId;
    for (auto& s : m_project->catalog().samplesByIds(all)) byId.emplace(s.id, std::move(s));
    for (int row : rows) {
        std::vector<catalog::Sample> group;
        for (std::int64_t id : model->group(row).sampleIds) {
            auto it = byId.find(id);
            if (it != byId.end()) group.push_back(it->second);  // deleted meanwhile: skipped
        }
        if (group.size() < 2) continue;
        const auto others = othersThanKeeper(group, panel->policy());
        drop.insert(drop.end(), others.begin(), others.end());
    }
    std::sort(drop.begin(), drop.end());
    drop.erase(std::unique(drop.begin(), drop.end()), drop.end());
    return drop;
}

std::size_t DuplicatesView::tagOthers(DuplicatePanel* panel) {
    std::vector<std::int64_t> drop;
    try {
        drop = othersToDrop(panel);
    } catch (const std::exception& e) {
        m_project->reportError(QString::fromUtf8(e.what()));
        return 0;
    }
    if (drop.empty()) return 0;
    const std::size_t n = drop.size();
    const QString text = keepPolicyName(panel->policy()) + QStringLiteral(": ") +
                         counted(static_cast<std::int64_t>(n), tr("Tag 1 Duplicate"), tr("Tag %1 Duplicates"));
    m_project->undoStack()->push(new AddTagCommand(m_project, kDuplicateTag, std::move(drop), text));
    Q_EMIT statusMessage(counted(static_cast<std::int64_t>(n), tr("Tagged 1 sample \"duplicate\""),
                                 tr("Tagged %1 samples \"duplicate\"")) +
                         tr(" (Edit ▸ Undo reverts it)"));
    return n;
}

std::size_t DuplicatesView::deleteOthers(DuplicatePanel* panel, bool confirm) {
    std::vector<std::int64_t> drop;
    try {
        drop = othersToDrop(panel);
    } catch (const std::exception& e) {
        m_project->reportError(QString::fromUtf8(e.what()));
        return 0;
    }
    if (drop.empty()) return 0;
    if (confirm) {
        const auto answer = QMessageBox::warning(
            this, tr("Delete Duplicates"),
            tr("%1 and remove the other %2 from the project?\nThe image files are not touched, but this cannot "
               "be undone.")
                .arg(keepPolicyName(panel->policy()),
                     counted(static_cast<std::int64_t>(drop.size()), tr("sample"), tr("%1 samples"))),
            QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
        if (answer != QMessageBox::Yes) return 0;
    }
    try {
        const auto removed = m_project->catalog().deleteSamples(drop);
        m_project->notifySamplesChanged();
        Q_EMIT statusMessage(counted(removed, tr("Removed 1 duplicate"), tr("Removed %1 duplicates")));
        return static_cast<std::size_t>(removed);
    } catch (const std::exception& e) {
        m_project->reportError(QString::fromUtf8(e.what()));
        return 0;
    }
}

}  // namespace winnow::widgets
