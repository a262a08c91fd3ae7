// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/curation/curationjobs.h"

#include <QFileInfo>
#include <QLocale>
#include <QStringList>
#include <QPointer>
#include <algorithm>
#include <memory>

#include "catalog/catalog.h"
#include "common/error.h"
#include "curate/embeddingstore.h"
#include "curate/methods.h"
#include "widgets/common/strings.h"
#include "widgets/project/project.h"

namespace winnow::widgets {

namespace {

std::string filterName(const nlohmann::json& step) {
    return step.contains("filter") && step["filter"].is_string() ? step["filter"].get<std::string>() : std::string();
}

/// Filters that work on catalog data alone and cost about a query: the preview runs them.
bool cheapFilter(const std::string& name) {
    return name == "quality" || name == "metadata" || name == "score" || name == "dedup-exact";
}

/// Filters known to load the embeddings.
bool embeddingFilter(const std::string& name) { return name == "outliers"; }

/// "2.1 s", "< 0.1 s".
QString seconds(double s) {
    if (s < 0.05) return QObject::tr("< 0.1 s");
    return QObject::tr("%1 s").arg(s, 0, 'f', s < 10 ? 1 : 0);
}

}  // namespace

PoolPreview previewRecipe(const std::string& projectPath, const curate::Recipe& recipe, Progress& progress) {
    const auto catalog = catalog::Catalog::open(projectPath, catalog::Catalog::Mode::ReadOnly);
    curate::Recipe counting = recipe;
    counting.method = "random";
    counting.params = nlohmann::json::object();
    counting.size.reset();
    counting.fraction.reset();
    std::size_t end = 0;
    curate::SelectionResult result;
    for (;;) {
        while (end < recipe.filters.size() && cheapFilter(filterName(recipe.filters[end]))) ++end;
        counting.filters.assign(recipe.filters.begin(), recipe.filters.begin() + static_cast<std::ptrdiff_t>(end));
        result = curate::runRecipe(catalog, counting, progress);
        const bool nearNext = end < recipe.filters.size() && filterName(recipe.filters[end]) == "dedup-near";
        if (nearNext && static_cast<std::int64_t>(result.ids.size()) <= kNearPreviewLimit) {
            ++end;
            continue;
        }
        break;
    }
    PoolPreview preview;
    preview.pool = result.poolSize;
    for (std::size_t i = 0; i + 1 < result.stages.size(); ++i)  // the last stage is the counting selector
        preview.stages.emplace_back(result.stages[i].name, result.stages[i].out);
    preview.remaining = static_cast<std::int64_t>(result.ids.size());
    if (end < recipe.filters.size()) preview.stoppedAt = filterName(recipe.filters[end]);

    const curate::MethodInfo* method = curate::findMethod(recipe.method);
    bool needsEmbeddings = method && method->needsEmbeddings;
    for (const auto& step : recipe.filters) needsEmbeddings = needsEmbeddings || embeddingFilter(filterName(step));
    if (needsEmbeddings) {
        if (progress.isCanceled()) throw Canceled();
        preview.embeddingsChecked = true;
        preview.embedderKnown = catalog.embedder(recipe.embedder).has_value();
        if (!preview.embedderKnown) {
            preview.withoutVectors = preview.remaining;
        } else {
            const auto have = curate::embeddedIds(catalog, recipe.embedder);  // ascending
            std::int64_t missing = 0;
            for (std::int64_t id : result.ids)
                if (!std::binary_search(have.begin(), have.end(), id)) ++missing;
            preview.withoutVectors = missing;
        }
    }
    return preview;
}

SelectionRun runSelection(const std::string& projectPath, const curate::Recipe& recipe, const std::string& name,
                          bool replace, Progress& progress) {
    auto catalog = catalog::Catalog::open(projectPath, catalog::Catalog::Mode::ReadWrite);
    SelectionRun run;
    run.name = name;
    run.result = curate::runRecipe(catalog, recipe, progress);
    if (progress.isCanceled()) throw Canceled();
    progress.report(-1, -1, "saving subset " + name);
    run.subsetId = curate::saveSelection(catalog, name, run.result, replace);
    return run;
}

QString selectionSummary(const SelectionRun& run) {
    const curate::SelectionResult& r = run.result;
    QStringList chain;
    chain << QObject::tr("pool %1").arg(countText(r.poolSize));
    for (const auto& stage : r.stages) chain << QStringLiteral("%1 %2").arg(toQString(stage.name), countText(stage.out));
    return QObject::tr("Saved \"%1\": %2 · %3 · %4")
        .arg(toQString(run.name),
             counted(static_cast<std::int64_t>(r.ids.size()), QObject::tr("1 sample"), QObject::tr("%1 samples")),
             chain.join(QStringLiteral(" → ")), seconds(r.seconds));
}

QString embedSummary(const curate::EmbedReport& r) {
    QStringList parts;
    parts << QObject::tr("%1 embedded").arg(countText(r.embedded));
    if (r.failed > 0) parts << QObject::tr("%1 failed").arg(countText(r.failed));
    if (r.skipped > 0) parts << QObject::tr("%1 already done").arg(countText(r.skipped));
    QString text = parts.join(QStringLiteral(", ")) +
                   QObject::tr(" · %1, %2-d · %3").arg(toQString(r.embedder)).arg(r.dim).arg(seconds(r.seconds));
    if (r.canceled) text = QObject::tr("Canceled: ") + text;
    return text;
}

JobId startSelection(JobManager* jobs, Project* project, const curate::Recipe& recipe, const QString& name,
                     bool replace, QObject* context, std::function<void(const JobOutcome<SelectionRun>&)> done) {
    const std::string path = project->path().toStdString();
    const std::string subset = name.toStdString();
    QPointer<Project> guard(project);
    QPointer<QObject> receiver(context);
    auto id = std::make_shared<JobId>(0);
    *id = jobs->start<SelectionRun>(
        JobSpec{QObject::tr("Select subset \"%1\" (%2)").arg(name, toQString(recipe.method)), Resource::Core},
        [path, recipe, subset, replace](Progress& progress) {
            return runSelection(path, recipe, subset, replace, progress);
        },
        project, [jobs, guard, receiver, hasReceiver = context != nullptr, id, done](JobOutcome<SelectionRun> outcome) {
            if (outcome.value) {
                jobs->setSummary(*id, selectionSummary(*outcome.value));
                if (guard) guard->notifySubsetsChanged();
            }
            if (done && (!hasReceiver || receiver)) done(outcome);
        });
    return *id;
}

JobId startEmbed(JobManager* jobs, Project* project, const curate::EmbedParams& params, QObject* context,
                 std::function<void(const JobOutcome<curate::EmbedReport>&)> done) {
    const std::string path = project->path().toStdString();
    QPointer<Project> guard(project);
    QPointer<QObject> receiver(context);
    auto id = std::make_shared<JobId>(0);
    const QString what = params.embedder == "builtin" ? QObject::tr("the built-in embedder")
                                                      : QFileInfo(toQString(params.embedder)).fileName();
    *id = jobs->start<curate::EmbedReport>(
        JobSpec{QObject::tr("Embed with %1").arg(what), Resource::Core},
        [path, params](Progress& progress) { return curate::embedProject(path, params, progress); }, project,
        [jobs, guard, receiver, hasReceiver = context != nullptr, id, done](JobOutcome<curate::EmbedReport> outcome) {
            if (outcome.value) jobs->setSummary(*id, embedSummary(*outcome.value));
            if (guard) guard->notifyEmbeddersChanged();  // a canceled or failed run keeps what it committed
            if (done && (!hasReceiver || receiver)) done(outcome);
        });
    return *id;
}

QString scoresSummary(const curate::ScoreReport& report) {
    QStringList names;
    for (const auto& n : report.names) names << toQString(n);
    return QObject::tr("Stored %1 for %2 samples · %3 s")
        .arg(names.join(QStringLiteral(", ")), QLocale().toString(static_cast<qlonglong>(report.samples)))
        .arg(report.seconds, 0, 'f', 1);
}

JobId startScores(JobManager* jobs, Project* project, const std::string& kind, const std::string& embedder,
                  const std::vector<std::string>& params, QObject* context,
                  std::function<void(const JobOutcome<curate::ScoreReport>&)> done) {
    const std::string path = project->path().toStdString();
    QPointer<Project> guard(project);
    QPointer<QObject> receiver(context);
    auto id = std::make_shared<JobId>(0);
    *id = jobs->start<curate::ScoreReport>(
        JobSpec{QObject::tr("Compute %1 scores").arg(toQString(kind)), Resource::Core},
        [path, kind, embedder, params](Progress& progress) {
            catalog::Catalog catalog = catalog::Catalog::open(path);
            curate::MethodParams p = curate::MethodParams::fromPairs(params);
            return curate::computeScores(catalog, kind, embedder, p, progress);
        },
        project,
        [jobs, guard, receiver, hasReceiver = context != nullptr, id, done](JobOutcome<curate::ScoreReport> outcome) {
            if (outcome.value) {
                jobs->setSummary(*id, scoresSummary(*outcome.value));
                if (guard) guard->notifyScoresChanged();
            }
            if (done && (!hasReceiver || receiver)) done(outcome);
        });
    return *id;
}

}  // namespace winnow::widgets
