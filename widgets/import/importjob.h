// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <functional>

#include "ingest/ingest.h"
#include "widgets/import/importrequest.h"
#include "widgets/jobs/jobmanager.h"

namespace winnow::widgets {

class JobManager;
class Project;

/// A one-line summary of an import report ("1,204 imported, 3 failed, 10 already present in 2.1 s").
QString importSummary(const ingest::IngestReport& report);

/// Starts ingest::ingest as a job on the Core pool (cancelable from the jobs dock). When it ends, the
/// project is told that its samples changed and `done` (optional) gets the report, on the GUI thread.
/// Returns the job's id.
/// Thread affinity: GUI thread.
JobId startImport(JobManager* jobs, Project* project, const ImportRequest& request,
                  std::function<void(const JobOutcome<ingest::IngestReport>&)> done = {});

}  // namespace winnow::widgets
