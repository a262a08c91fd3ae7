// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>
#include <string>
#include <vector>

#include "catalog/types.h"
#include "widgets/curation/samplecuration.h"

class QFormLayout;
class QLabel;

namespace winnow::widgets {

/// The metadata and statistics of one sample as a form of selectable labels: path, member, dataset,
/// split, label, caption, size, dimensions, format, SHA-512, pHash / dHash (16 hex digits), blur,
/// brightness, contrast, status / error, tags, stored scores and the subsets it belongs to.
///
/// Thread affinity: GUI thread.
class SampleDetails final : public QWidget {
    Q_OBJECT

public:
    explicit SampleDetails(QWidget* parent = nullptr);

    void showSample(const catalog::Sample& sample, const QString& datasetName, const std::vector<std::string>& tags);
    void setTags(const std::vector<std::string>& tags);
    /// The sample's stored scores (Catalog::scoresOf) and the subsets it belongs to.
    void setCuration(const std::vector<std::pair<std::string, double>>& scores, const std::vector<SampleSubset>& subsets);
    void clear();

    /// The text shown for a field ("pHash", "Tags", ...), for tests.
    QString value(const QString& field) const;

private:
    QLabel* addField(const QString& name, bool monospace = false);
    void set(QLabel* label, const QString& text);

    QFormLayout* m_form;
    std::vector<std::pair<QString, QLabel*>> m_fields;
    QLabel* m_path;
    QLabel* m_member;
    QLabel* m_dataset;
    QLabel* m_split;
    QLabel* m_label;
    QLabel* m_caption;
    QLabel* m_size;
    QLabel* m_dimensions;
    QLabel* m_format;
    QLabel* m_sha;
    QLabel* m_phash;
    QLabel* m_dhash;
    QLabel* m_blur;
    QLabel* m_brightness;
    QLabel* m_contrast;
    QLabel* m_status;
    QLabel* m_tags;
    QLabel* m_scores;
    QLabel* m_subsets;
};

}  // namespace winnow::widgets
