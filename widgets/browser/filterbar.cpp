// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/browser/filterbar.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

#include "widgets/browser/rangeedit.h"
#include "widgets/project/project.h"
#include "widgets/style/icons.h"

namespace winnow::widgets {

namespace {
QString fromStd(const std::string& s) { return QString::fromStdString(s); }

/// Refills a combo with "any" plus items, keeping the current data if it is still offered.
void refill(QComboBox* box, const QString& anyText, const std::vector<std::pair<QString, QVariant>>& items) {
    const QVariant current = box->currentData();
    const QSignalBlocker blocker(box);
    box->clear();
    box->addItem(anyText);
    for (const auto& [text, data] : items) box->addItem(text, data);
    const int index = current.isValid() ? box->findData(current) : 0;
    box->setCurrentIndex(std::max(0, index));
}

QComboBox* makeCombo() {
    auto* box = new QComboBox;
    box->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    box->setMinimumContentsLength(8);
    return box;
}
}  // namespace

FilterBar::FilterBar(QWidget* parent)
    : QWidget(parent),
      m_dataset(makeCombo()),
      m_split(makeCombo()),
      m_label(makeCombo()),
      m_tag(makeCombo()),
      m_subset(makeCombo()),
      m_status(makeCombo()),
      m_duplicates(new QCheckBox(tr("Only exact duplicates"))),
      m_blur(new RangeEdit(0, 1e7, 0)),
      m_brightness(new RangeEdit(0, 255, 0)),
      m_contrast(new RangeEdit(0, 128, 0)),
      m_search(new QLineEdit),
      m_order(makeCombo()),
      m_descending(new QToolButton),
      m_searchDelay(new QTimer(this)),
      m_idsChip(new QWidget),
      m_idsText(new QLabel),
      m_idsClear(new QToolButton) {
    m_status->addItem(tr("All"));
    m_status->addItem(tr("Imported"), static_cast<int>(catalog::SampleStatus::Ok));
    m_status->addItem(tr("Failed"), static_cast<int>(catalog::SampleStatus::Failed));
    m_search->setPlaceholderText(tr("Path, label or caption contains…"));
    m_search->setClearButtonEnabled(true);
    m_search->addAction(icon(IconId::Search), QLineEdit::LeadingPosition);
    m_blur->setToolTip(tr("Variance of the Laplacian: low values are blurry"));
    m_brightness->setToolTip(tr("Mean luma, 0–255"));
    m_contrast->setToolTip(tr("Standard deviation of luma"));

    const std::pair<const char*, catalog::SampleOrder> orders[] = {
        {QT_TR_NOOP("Import order"), catalog::SampleOrder::Id},
        {QT_TR_NOOP("Sharpness (blur)"), catalog::SampleOrder::Blur},
        {QT_TR_NOOP("Brightness"), catalog::SampleOrder::Brightness},
        {QT_TR_NOOP("Contrast"), catalog::SampleOrder::Contrast},
        {QT_TR_NOOP("Label"), catalog::SampleOrder::Label},
        {QT_TR_NOOP("File size"), catalog::SampleOrder::Size},
    };
    for (const auto& [name, order] : orders) m_order->addItem(tr(name), static_cast<int>(order));
    m_fixedOrders = m_order->count();  // stored scores follow (reloadScores), their data the score's name
    m_descending->setCheckable(true);
    m_descending->setText(QStringLiteral("↓"));
    m_descending->setToolTip(tr("Descending"));

    auto* sortRow = new QHBoxLayout;
    sortRow->setContentsMargins(0, 0, 0, 0);
    sortRow->addWidget(m_order, 1);
    sortRow->addWidget(m_descending);

    auto* form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->setRowWrapPolicy(QFormLayout::DontWrapRows);
    form->setLabelAlignment(Qt::AlignRight | Qt::AlignVCenter);
    form->addRow(m_search);
    form->addRow(tr("Dataset"), m_dataset);
    form->addRow(tr("Split"), m_split);
    form->addRow(tr("Label"), m_label);
    form->addRow(tr("Tag"), m_tag);
    form->addRow(tr("Subset"), m_subset);
    form->addRow(tr("Status"), m_status);
    form->addRow(QString(), m_duplicates);
    form->addRow(tr("Blur"), m_blur);
    form->addRow(tr("Brightness"), m_brightness);
    form->addRow(tr("Contrast"), m_contrast);
    form->addRow(tr("Sort by"), sortRow);

    // The chip of a sample-id condition (the map's selection): highlighted, with a clear button.
    m_idsChip->setObjectName(QStringLiteral("SampleIdsChip"));
    m_idsChip->setAutoFillBackground(true);
    m_idsChip->setBackgroundRole(QPalette::Highlight);
    m_idsText->setForegroundRole(QPalette::HighlightedText);
    m_idsText->setWordWrap(true);
    m_idsClear->setIcon(icon(IconId::Clear));
    m_idsClear->setAutoRaise(true);
    m_idsClear->setToolTip(tr("Show all samples again (drop this condition)"));
    auto* chipLayout = new QHBoxLayout(m_idsChip);
    chipLayout->setContentsMargins(8, 3, 3, 3);
    chipLayout->addWidget(m_idsText, 1);
    chipLayout->addWidget(m_idsClear);
    m_idsChip->hide();
    connect(m_idsClear, &QToolButton::clicked, this, [this] {
        clearSampleIds();
        Q_EMIT sampleIdsCleared();
    });

    auto* resetButton = new QPushButton(icon(IconId::Clear), tr("Reset Filters"));
    connect(resetButton, &QPushButton::clicked, this, &FilterBar::reset);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(m_idsChip);
    layout->addLayout(form);
    layout->addWidget(resetButton, 0, Qt::AlignRight);
    layout->addStretch(1);

    m_searchDelay->setSingleShot(true);
    m_searchDelay->setInterval(300);
    connect(m_searchDelay, &QTimer::timeout, this, &FilterBar::emitChanged);
    connect(m_search, &QLineEdit::textChanged, m_searchDelay, qOverload<>(&QTimer::start));
    connect(m_search, &QLineEdit::returnPressed, this, &FilterBar::emitChanged);
    for (QComboBox* box : {m_dataset, m_split, m_label, m_tag, m_subset, m_status, m_order})
        connect(box, &QComboBox::currentIndexChanged, this, &FilterBar::emitChanged);
    connect(m_duplicates, &QCheckBox::toggled, this, &FilterBar::emitChanged);
    connect(m_descending, &QToolButton::toggled, this, &FilterBar::emitChanged);
    for (RangeEdit* range : {m_blur, m_brightness, m_contrast})
        connect(range, &RangeEdit::rangeChanged, this, &FilterBar::emitChanged);
    reloadChoices();
}

void FilterBar::setProject(Project* project) {
    if (m_project) disconnect(m_project, nullptr, this, nullptr);
    m_project = project;
    if (project) {
        connect(project, &Project::samplesChanged, this, &FilterBar::reloadChoices);
        connect(project, &Project::tagsChanged, this, &FilterBar::reloadTags);
        connect(project, &Project::subsetsChanged, this, &FilterBar::reloadSubsets);
        // Scores are written by selection runs (subsetsChanged) and score jobs; re-read them with the lists.
        connect(project, &Project::subsetsChanged, this, &FilterBar::reloadScores);
        connect(project, &Project::embeddersChanged, this, &FilterBar::reloadScores);
        connect(project, &Project::scoresChanged, this, &FilterBar::reloadScores);
    }
    m_loading = true;
    reset();
    reloadChoices();
    m_loading = false;
}

void FilterBar::reloadChoices() {
    std::vector<std::pair<QString, QVariant>> datasets, splits, labels;
    if (m_project) {
        try {
            for (const auto& d : m_project->catalog().datasets())
                datasets.emplace_back(QStringLiteral("%1 (%2)").arg(fromStd(d.name)).arg(d.imported),
                                      QVariant::fromValue<qint64>(d.id));
            for (const auto& s : m_project->catalog().splits()) splits.emplace_back(fromStd(s), fromStd(s));
            for (const auto& l : m_project->catalog().labels()) labels.emplace_back(fromStd(l), fromStd(l));
        } catch (const std::exception& e) {
            m_project->reportError(QString::fromUtf8(e.what()));
        }
    }
    refill(m_dataset, tr("All datasets"), datasets);
    refill(m_split, tr("Any split"), splits);
    refill(m_label, tr("Any label"), labels);
    reloadTags();
    reloadSubsets();
    reloadScores();
}

void FilterBar::reloadScores() {
    std::vector<std::string> names;
    if (m_project) {
        try {
            names = m_project->catalog().scoreNames();
        } catch (const std::exception& e) {
            m_project->reportError(QString::fromUtf8(e.what()));
        }
    }
    const QVariant before = m_order->currentData();
    {
        const QSignalBlocker blocker(m_order);
        while (m_order->count() > m_fixedOrders) m_order->removeItem(m_order->count() - 1);
        for (const auto& name : names) m_order->addItem(tr("Score: %1").arg(fromStd(name)), fromStd(name));
        m_order->setCurrentIndex(std::max(0, m_order->findData(before)));
    }
    if (before != m_order->currentData()) emitChanged();  // the score sorted by is gone
}

void FilterBar::reloadTags() {
    std::vector<std::pair<QString, QVariant>> tags;
    if (m_project) {
        try {
            for (const auto& t : m_project->catalog().tags())
                tags.emplace_back(QStringLiteral("%1 (%2)").arg(fromStd(t.name)).arg(t.count), fromStd(t.name));
        } catch (const std::exception& e) {
            m_project->reportError(QString::fromUtf8(e.what()));
        }
    }
    const QVariant before = m_tag->currentData();
    refill(m_tag, tr("Any tag"), tags);
    if (before != m_tag->currentData()) emitChanged();  // the chosen tag disappeared
}

void FilterBar::reloadSubsets() {
    std::vector<std::pair<QString, QVariant>> subsets;
    if (m_project) {
        try {
            for (const auto& s : m_project->catalog().subsets())
                subsets.emplace_back(QStringLiteral("%1 (%2)").arg(fromStd(s.name)).arg(s.size), fromStd(s.name));
        } catch (const std::exception& e) {
            m_project->reportError(QString::fromUtf8(e.what()));
        }
    }
    const QVariant before = m_subset->currentData();
    refill(m_subset, tr("Any subset"), subsets);
    if (before != m_subset->currentData()) emitChanged();  // the chosen subset was deleted
}

void FilterBar::setSubset(const QString& name) {
    int index = name.isEmpty() ? 0 : m_subset->findData(name);
    if (index < 0) {  // saved since the list was read
        reloadSubsets();
        index = std::max(0, m_subset->findData(name));
    }
    m_subset->setCurrentIndex(index);  // emits filterChanged when it changed
}

catalog::SampleFilter FilterBar::filter() const {
    catalog::SampleFilter f;
    if (m_dataset->currentIndex() > 0) f.datasetId = m_dataset->currentData().toLongLong();
    if (m_split->currentIndex() > 0) f.split = m_split->currentData().toString().toStdString();
    if (m_label->currentIndex() > 0) f.label = m_label->currentData().toString().toStdString();
    if (m_tag->currentIndex() > 0) f.tag = m_tag->currentData().toString().toStdString();
    if (m_subset->currentIndex() > 0) f.subset = m_subset->currentData().toString().toStdString();
    if (m_status->currentIndex() > 0) f.status = static_cast<catalog::SampleStatus>(m_status->currentData().toInt());
    f.exactDuplicatesOnly = m_duplicates->isChecked();
    f.minBlur = m_blur->minimum();
    f.maxBlur = m_blur->maximum();
    f.minBrightness = m_brightness->minimum();
    f.maxBrightness = m_brightness->maximum();
    f.minContrast = m_contrast->minimum();
    f.maxContrast = m_contrast->maximum();
    const QString text = m_search->text().trimmed();
    if (!text.isEmpty()) f.text = text.toStdString();
    if (m_hasIds) f.ids = m_ids;
    const QVariant order = m_order->currentData();
    if (m_order->currentIndex() >= m_fixedOrders) {
        f.order = catalog::SampleOrder::Score;
        f.orderScore = order.toString().toStdString();
    } else {
        f.order = static_cast<catalog::SampleOrder>(order.toInt());
    }
    f.descending = m_descending->isChecked();
    return f;
}

bool FilterBar::isFiltering() const {
    const catalog::SampleFilter f = filter();
    return f.datasetId || f.split || f.label || f.tag || f.subset || f.status || f.exactDuplicatesOnly || f.minBlur ||
           f.maxBlur || f.minBrightness || f.maxBrightness || f.minContrast || f.maxContrast || f.text || f.ids;
}

void FilterBar::reset() {
    const bool wasLoading = m_loading;
    m_loading = true;
    for (QComboBox* box : {m_dataset, m_split, m_label, m_tag, m_subset, m_status}) box->setCurrentIndex(0);
    m_duplicates->setChecked(false);
    for (RangeEdit* range : {m_blur, m_brightness, m_contrast}) range->clear();
    m_search->clear();
    m_searchDelay->stop();
    const bool hadIds = m_hasIds;
    m_hasIds = false;
    m_ids.clear();
    updateIdsChip();
    m_loading = wasLoading;
    emitChanged();
    if (hadIds) Q_EMIT sampleIdsCleared();
}

void FilterBar::setSampleIds(std::vector<std::int64_t> ids, const QString& what) {
    m_ids = std::move(ids);
    m_idsWhat = what;
    m_hasIds = true;
    updateIdsChip();
    emitChanged();
}

void FilterBar::clearSampleIds() {
    if (!m_hasIds) return;
    m_hasIds = false;
    m_ids.clear();
    updateIdsChip();
    emitChanged();
}

void FilterBar::updateIdsChip() {
    m_idsChip->setVisible(m_hasIds);
    if (!m_hasIds) return;
    const QString count = QLocale().toString(static_cast<qint64>(m_ids.size()));
    m_idsText->setText(m_ids.size() == 1 ? tr("%1: 1 sample").arg(m_idsWhat) : tr("%1: %2 samples").arg(m_idsWhat, count));
    m_idsChip->setToolTip(tr("Only these samples are listed; the other filters still apply"));
}

void FilterBar::emitChanged() {
    if (m_loading) return;
    m_searchDelay->stop();
    Q_EMIT filterChanged(filter());
}

}  // namespace winnow::widgets
