// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/inspector/sampledetails.h"

#include <QFontDatabase>
#include <QFormLayout>
#include <QLabel>
#include <QLocale>

#include "widgets/common/strings.h"

namespace winnow::widgets {

SampleDetails::SampleDetails(QWidget* parent) : QWidget(parent), m_form(new QFormLayout(this)) {
    m_form->setContentsMargins(8, 6, 8, 6);
    m_form->setLabelAlignment(Qt::AlignRight | Qt::AlignTop);
    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_form->setVerticalSpacing(3);
    m_path = addField(tr("Path"));
    m_member = addField(tr("Member"));
    m_dataset = addField(tr("Dataset"));
    m_split = addField(tr("Split"));
    m_label = addField(tr("Label"));
    m_caption = addField(tr("Caption"));
    m_size = addField(tr("File size"));
    m_dimensions = addField(tr("Dimensions"));
    m_format = addField(tr("Format"));
    m_sha = addField(tr("SHA-512"), true);
    m_phash = addField(tr("pHash"), true);
    m_dhash = addField(tr("dHash"), true);
    m_blur = addField(tr("Blur"));
    m_brightness = addField(tr("Brightness"));
    m_contrast = addField(tr("Contrast"));
    m_status = addField(tr("Status"));
    m_tags = addField(tr("Tags"));
    m_scores = addField(tr("Scores"));
    m_subsets = addField(tr("Subsets"));
    m_subsets->setToolTip(tr("The saved subsets this sample belongs to, with its place in the selection order"));
    m_blur->setToolTip(tr("Variance of the Laplacian of the luma: low values are blurry"));
    clear();
}

QLabel* SampleDetails::addField(const QString& name, bool monospace) {
    auto* label = new QLabel;
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    label->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);  // wrap instead of widening the dock
    if (monospace) label->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    auto* caption = new QLabel(name);
    caption->setForegroundRole(QPalette::PlaceholderText);  // dimmed, and follows theme changes
    m_form->addRow(caption, label);
    m_fields.emplace_back(name, label);
    return label;
}

void SampleDetails::set(QLabel* label, const QString& text) {
    label->setText(text.isEmpty() ? QStringLiteral("—") : text);
}

QString SampleDetails::value(const QString& field) const {
    for (const auto& [name, label] : m_fields)
        if (name == field) return label->text();
    return {};
}

void SampleDetails::clear() {
    for (const auto& [name, label] : m_fields) label->setText(QStringLiteral("—"));
}

void SampleDetails::showSample(const catalog::Sample& s, const QString& datasetName,
                               const std::vector<std::string>& tags) {
    const QLocale locale;
    set(m_path, toQString(s.uri));
    set(m_member, toQString(s.member));
    set(m_dataset, datasetName);
    set(m_split, toQString(s.split));
    set(m_label, toQString(s.label));
    set(m_caption, toQString(s.caption));
    set(m_size, s.byteSize > 0 ? QStringLiteral("%1 (%2 bytes)").arg(byteSizeText(s.byteSize), locale.toString(qlonglong(s.byteSize)))
                               : QString());
    set(m_dimensions, s.width > 0 ? tr("%1 × %2, ").arg(s.width).arg(s.height) + counted(s.channels, tr("1 channel"), tr("%1 channels")) : QString());
    set(m_format, toQString(s.format));
    // 128 hex digits on four lines of 32, so that a narrow dock shows them all.
    QString sha = toQString(s.sha512);
    if (sha.size() == 128)
        for (int at : {96, 64, 32}) sha.insert(at, QLatin1Char('\n'));
    set(m_sha, sha);
    const bool ok = s.status == catalog::SampleStatus::Ok;
    set(m_phash, ok ? hashHex(s.phash) : QString());
    set(m_dhash, ok ? hashHex(s.dhash) : QString());
    set(m_blur, ok ? locale.toString(s.blur, 'f', 1) : QString());
    set(m_brightness, ok ? locale.toString(s.brightness, 'f', 1) : QString());
    set(m_contrast, ok ? locale.toString(s.contrast, 'f', 1) : QString());
    set(m_status, ok ? tr("Imported") : tr("Failed: %1").arg(toQString(s.error)));
    m_status->setStyleSheet(ok ? QString() : QStringLiteral("color: #d04a3c;"));
    setTags(tags);
}

void SampleDetails::setCuration(const std::vector<std::pair<std::string, double>>& scores,
                                 const std::vector<SampleSubset>& subsets) {
    set(m_scores, scoresText(scores));
    set(m_subsets, subsetsText(subsets));
}

void SampleDetails::setTags(const std::vector<std::string>& tags) {
    QStringList names;
    for (const auto& t : tags) names << toQString(t);
    set(m_tags, names.join(QStringLiteral(", ")));
}

}  // namespace winnow::widgets
