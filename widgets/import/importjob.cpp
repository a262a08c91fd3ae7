// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/import/importjob.h"

#include <QFileInfo>
#include <QPointer>

#include "widgets/common/strings.h"
#include "widgets/jobs/jobmanager.h"
#include "widgets/project/project.h"

namespace winnow::widgets {

QString importSummary(const ingest::IngestReport& r) {
    QStringList parts;
    parts << QObject::tr("%1 imported").arg(countText(r.imported));
    if (r.failed > 0) parts << QObject::tr("%1 failed").arg(countText(r.failed));
    if (r.skipped > 0) parts << QObject::tr("%1 already present").arg(countText(r.skipped));
    QString text = parts.join(QStringLiteral(", ")) + QObject::tr(" in %1 s").arg(r.seconds, 0, 'f', 1);
    if (r.canceled) text = QObject::tr("Canceled: ") + text;
    return text;
}

JobId startImport(JobManager* jobs, Project* project, const ImportRequest& request,
                  std::function<void(const JobOutcome<ingest::IngestReport>&)> done) {
    ingest::IngestParams params;
    params.dataset = request.dataset.trimmed().toStdString();
    params.format = request.format;
    params.split = request.split.trimmed().toStdString();
    const std::string projectPath = project->path().toStdString();
    const std::string source = QFileInfo(request.source).absoluteFilePath().toStdString();
    const QString name = request.dataset.trimmed().isEmpty() ? QFileInfo(request.source).fileName() : request.dataset.trimmed();
    QPointer<Project> guard(project);
    auto id = std::make_shared<JobId>(0);
    *id = jobs->start<ingest::IngestReport>(
        JobSpec{QObject::tr("Import %1").arg(name), Resource::Core},
        [projectPath, source, params](Progress& progress) {
            return ingest::ingest(projectPath, source, params, progress);
        },
        project, [jobs, guard, id, done](JobOutcome<ingest::IngestReport> outcome) {
            if (outcome.value) jobs->setSummary(*id, importSummary(*outcome.value));
            // Even a canceled import committed what it had analysed.
            if (guard) guard->notifySamplesChanged();
            if (done) done(outcome);
        });
    return *id;
}

}  // namespace winnow::widgets
