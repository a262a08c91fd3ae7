// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QPointer>
#include <QWidget>
#include <cstdint>
#include <vector>

class QLabel;

namespace winnow::widgets {

class ImageView;
class Project;
class SampleDetails;
class SampleModel;
class ThumbnailView;

/// The sample inspector (the main window docks it): the full image, read and decoded in the decode pool
/// (the thumbnail scaled up until then, or when the full image cannot be read), every field of the
/// sample, and its exact-duplicate group (same SHA-512) as clickable thumbnails.
///
/// Thread affinity: GUI thread.
class SampleInspector final : public QWidget {
    Q_OBJECT

public:
    explicit SampleInspector(QWidget* parent = nullptr);
    ~SampleInspector() override;

    void setProject(Project* project);
    qint64 sampleId() const { return m_sampleId; }

    ImageView* imageView() const { return m_image; }
    SampleDetails* details() const { return m_details; }
    SampleModel* duplicatesModel() const { return m_duplicatesModel; }
    ThumbnailView* duplicatesView() const { return m_duplicatesView; }
    /// True while the full image is being read.
    bool isLoadingImage() const { return m_loading; }

public Q_SLOTS:
    /// Shows a sample (0: none).
    void setSample(qint64 sampleId);

Q_SIGNALS:
    /// The user picked another sample here (a member of the duplicate group).
    void sampleActivated(qint64 sampleId);
    /// The full image of the current sample was shown (or found unreadable).
    void imageLoaded(qint64 sampleId);

private:
    void reload();
    void startImageLoad(const struct LoadRequest& request);
    void tagsChanged(const QList<qint64>& sampleIds);
    /// Re-reads the scores and subsets of the sample shown.
    void curationChanged();
    std::vector<std::int64_t> sameBytes(const std::string& sha512) const;

    QPointer<Project> m_project;
    qint64 m_sampleId = 0;
    quint64 m_generation = 0;  // identifies the latest image request; older results are dropped
    bool m_loading = false;
    ImageView* m_image;
    SampleDetails* m_details;
    QLabel* m_duplicatesTitle;
    SampleModel* m_duplicatesModel;
    ThumbnailView* m_duplicatesView;
    QWidget* m_duplicatesBox;
};

}  // namespace winnow::widgets
