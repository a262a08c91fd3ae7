// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/inspector/sampleinspector.h"

#include <QCoreApplication>
#include <QFutureWatcher>
#include <QLabel>
#include <QScrollArea>
#include <QSplitter>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include "catalog/database.h"
#include "widgets/browser/samplemodel.h"
#include "widgets/browser/thumbnailview.h"
#include "widgets/common/strings.h"
#include "widgets/inspector/fullimage.h"
#include "widgets/inspector/imageview.h"
#include "widgets/inspector/sampledetails.h"
#include "widgets/project/project.h"
#include "widgets/thumbnails/thumbnaildecoder.h"
#include "widgets/thumbnails/thumbnailprovider.h"

namespace winnow::widgets {

/// What a worker needs to read one full image: copies only.
struct LoadRequest {
    std::string projectPath;
    std::string dataDir;
    catalog::Sample sample;
};

namespace {
/// The full image, or the stored thumbnail scaled up when it cannot be read. Runs in the decode pool.
FullImage loadForInspector(const LoadRequest& request) {
    FullImage full = loadFullImage(request.sample, request.dataDir);
    if (!full.image.isNull()) return full;
    try {
        auto catalog = catalog::Catalog::open(request.projectPath, catalog::Catalog::Mode::ReadOnly);
        if (auto thumb = catalog.thumbnail(request.sample.id)) {
            full.image = decodeThumbnail(thumb->jpeg);
            full.note = full.note.isEmpty() ? QCoreApplication::translate("SampleInspector", "thumbnail")
                                            : QCoreApplication::translate("SampleInspector", "thumbnail (%1)").arg(full.note);
        }
    } catch (const std::exception&) {
        // keep the first reason
    }
    return full;
}
}  // namespace

SampleInspector::SampleInspector(QWidget* parent)
    : QWidget(parent),
      m_image(new ImageView),
      m_details(new SampleDetails),
      m_duplicatesTitle(new QLabel),
      m_duplicatesModel(new SampleModel(this)),
      m_duplicatesView(new ThumbnailView),
      m_duplicatesBox(new QWidget) {
    auto* scroll = new QScrollArea;
    scroll->setWidget(m_details);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);

    m_duplicatesView->setModel(m_duplicatesModel);
    m_duplicatesView->setShowCaptions(false);
    m_duplicatesView->setThumbnailSize(56);
    m_duplicatesView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_duplicatesView->setMinimumHeight(80);
    connect(m_duplicatesView, &QAbstractItemView::clicked, this, [this](const QModelIndex& index) {
        const qint64 id = m_duplicatesModel->sampleId(index.row());
        if (id == m_sampleId) return;
        setSample(id);
        Q_EMIT sampleActivated(id);
    });
    // Mark the sample shown among its duplicates once its row is loaded.
    connect(m_duplicatesModel, &QAbstractItemModel::rowsInserted, this, [this] {
        const int row = m_duplicatesModel->rowOfSample(m_sampleId);
        if (row >= 0) m_duplicatesView->setCurrentIndex(m_duplicatesModel->index(row));
    });
    auto* boxLayout = new QVBoxLayout(m_duplicatesBox);
    boxLayout->setContentsMargins(6, 4, 6, 4);
    boxLayout->addWidget(m_duplicatesTitle);
    boxLayout->addWidget(m_duplicatesView, 1);

    auto* splitter = new QSplitter(Qt::Vertical);
    splitter->addWidget(m_image);
    splitter->addWidget(scroll);
    splitter->addWidget(m_duplicatesBox);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 4);
    splitter->setStretchFactor(2, 1);
    splitter->setChildrenCollapsible(false);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(splitter);
    setSample(0);
}

SampleInspector::~SampleInspector() = default;

void SampleInspector::setProject(Project* project) {
    if (m_project) disconnect(m_project, nullptr, this, nullptr);
    m_project = project;
    m_duplicatesModel->setProject(QString(), nullptr);
    m_duplicatesView->setProvider(project ? project->thumbnails() : nullptr);
    if (project) {
        connect(project, &Project::samplesChanged, this, &SampleInspector::reload);
        connect(project, &Project::tagsChanged, this, &SampleInspector::tagsChanged);
        connect(project, &Project::subsetsChanged, this, &SampleInspector::curationChanged);
        connect(project, &Project::scoresChanged, this, &SampleInspector::curationChanged);
    }
    setSample(0);
}

void SampleInspector::setSample(qint64 sampleId) {
    m_sampleId = sampleId;
    reload();
}

void SampleInspector::reload() {
    ++m_generation;
    m_loading = false;
    std::optional<catalog::Sample> sample;
    QString datasetName;
    std::vector<std::string> tags;
    std::vector<std::int64_t> group;
    if (m_project && m_sampleId > 0) {
        try {
            catalog::Catalog& catalog = m_project->catalog();  // small primary-key reads
            sample = catalog.sample(m_sampleId);
            if (sample) {
                if (auto d = catalog.dataset(sample->datasetId)) datasetName = toQString(d->name);
                tags = catalog.tagsOf(m_sampleId);
                if (!sample->sha512.empty()) group = sameBytes(sample->sha512);
            }
        } catch (const std::exception& e) {
            m_project->reportError(QString::fromUtf8(e.what()));
        }
    }
    if (!sample) {
        m_sampleId = 0;
        m_details->clear();
        m_image->clear(m_project ? tr("Select a sample to inspect it") : QString());
        m_duplicatesBox->hide();
        m_duplicatesModel->setProject(QString(), nullptr);
        return;
    }
    m_details->showSample(*sample, datasetName, tags);
    curationChanged();

    if (group.size() > 1) {
        catalog::SampleFilter filter;
        filter.ids = group;
        m_duplicatesModel->setProject(m_project->path(), m_project->thumbnails(), filter);
        m_duplicatesTitle->setText(tr("Exact duplicates: %1 samples with the same bytes").arg(group.size()));
        m_duplicatesBox->show();
    } else {
        m_duplicatesModel->setProject(QString(), nullptr);
        m_duplicatesBox->hide();
    }

    // Until the full image arrives: the cached thumbnail if there is one.
    if (m_project->thumbnails()) {
        if (const auto* entry = m_project->thumbnails()->entry(m_sampleId); entry && !entry->pixmap.isNull())
            m_image->setPixmap(entry->pixmap, tr("loading…"));
        else
            m_image->clear(tr("Loading…"));
    }
    startImageLoad(LoadRequest{m_project->path().toStdString(), m_project->catalog().dataDir(), *sample});
}

void SampleInspector::startImageLoad(const LoadRequest& request) {
    m_loading = true;
    const quint64 generation = m_generation;
    const qint64 id = m_sampleId;
    auto* watcher = new QFutureWatcher<FullImage>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, generation, id] {
        watcher->deleteLater();
        if (generation != m_generation) return;  // the user moved on
        m_loading = false;
        const FullImage full = watcher->future().result();
        if (full.image.isNull())
            m_image->clear(full.note.isEmpty() ? tr("No image") : tr("No image: %1").arg(full.note));
        else
            m_image->setImage(full.image, full.note);
        Q_EMIT imageLoaded(id);
    });
    watcher->setFuture(QtConcurrent::run(m_project->decodePool(), [request] { return loadForInspector(request); }));
}

void SampleInspector::tagsChanged(const QList<qint64>& sampleIds) {
    if (!m_project || m_sampleId <= 0 || !sampleIds.contains(m_sampleId)) return;
    try {
        m_details->setTags(m_project->catalog().tagsOf(m_sampleId));
    } catch (const std::exception& e) {
        m_project->reportError(QString::fromUtf8(e.what()));
    }
}

void SampleInspector::curationChanged() {
    if (!m_project || m_sampleId <= 0) return;
    try {
        catalog::Catalog& catalog = m_project->catalog();  // two indexed lookups by sample id
        m_details->setCuration(catalog.scoresOf(m_sampleId), subsetsOfSample(catalog, m_sampleId));
    } catch (const std::exception& e) {
        m_project->reportError(QString::fromUtf8(e.what()));
    }
}

std::vector<std::int64_t> SampleInspector::sameBytes(const std::string& sha512) const {
    // catalog::Catalog has no lookup by hash yet; this read uses the samples_sha512 index.
    auto st = m_project->catalog().database().prepare(
        "SELECT id FROM samples WHERE sha512 = ? AND status = 1 ORDER BY id");
    st.bind(1, sha512);
    std::vector<std::int64_t> ids;
    while (st.step()) ids.push_back(st.int64(0));
    return ids;
}

}  // namespace winnow::widgets
