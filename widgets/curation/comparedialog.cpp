// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/curation/comparedialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPainter>
#include <QPainterPath>
#include <QTableWidget>
#include <QToolButton>
#include <QVBoxLayout>
#include <array>
#include <memory>

#include "widgets/common/strings.h"
#include "widgets/curation/curationicons.h"
#include "widgets/jobs/jobmanager.h"
#include "widgets/project/project.h"

namespace winnow::widgets {

namespace {
const QColor kColourA(0x2a, 0x9d, 0x8f);
const QColor kColourB(0xe7, 0x6f, 0x51);
const QColor kColourBoth(0x7a, 0x6f, 0xb0);

QLabel* swatch(const QColor& colour, const QString& text) {
    auto* label = new QLabel;
    label->setTextFormat(Qt::RichText);
    label->setText(QStringLiteral("<span style=\"color:%1\">■</span> %2").arg(colour.name(), text.toHtmlEscaped()));
    return label;
}

QString percent(std::int64_t part, std::int64_t whole) {
    if (whole <= 0) return QStringLiteral("—");
    return QLocale().toString(100.0 * static_cast<double>(part) / static_cast<double>(whole), 'f', 1) + QStringLiteral(" %");
}

QTableWidgetItem* numberItem(const QString& text) {
    auto* item = new QTableWidgetItem(text);
    item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    return item;
}
}  // namespace

/// A horizontal bar in three parts, A only | both | B only, widths proportional to the counts.
class OverlapBar final : public QWidget {
public:
    OverlapBar() {
        setMinimumHeight(34);
        setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    }

    void setCounts(std::int64_t onlyA, std::int64_t both, std::int64_t onlyB) {
        m_parts = {onlyA, both, onlyB};
        update();
    }

    QSize sizeHint() const override { return {360, 34}; }

protected:
    void paintEvent(QPaintEvent*) override {
        QPainter p(this);
        p.setRenderHint(QPainter::Antialiasing);
        const QRectF area = QRectF(rect()).adjusted(1, 4, -1, -4);
        QPainterPath clip;
        clip.addRoundedRect(area, 5, 5);
        const std::int64_t total = m_parts[0] + m_parts[1] + m_parts[2];
        if (total <= 0) {
            p.fillPath(clip, palette().color(QPalette::AlternateBase));
            p.setPen(palette().color(QPalette::PlaceholderText));
            p.drawText(area, Qt::AlignCenter, tr("no samples"));
            return;
        }
        p.setClipPath(clip);
        const QColor colours[3] = {kColourA, kColourBoth, kColourB};
        const QString names[3] = {tr("A only"), tr("both"), tr("B only")};
        qreal x = area.left();
        for (int i = 0; i < 3; ++i) {
            const qreal w = area.width() * static_cast<qreal>(m_parts[i]) / static_cast<qreal>(total);
            const QRectF part(x, area.top(), w, area.height());
            p.fillRect(part, colours[i]);
            const QString text = QStringLiteral("%1 %2").arg(names[i], countText(m_parts[i]));
            if (w > p.fontMetrics().horizontalAdvance(text) + 10) {
                p.setPen(Qt::white);
                p.drawText(part, Qt::AlignCenter, text);
            } else if (w > p.fontMetrics().horizontalAdvance(countText(m_parts[i])) + 6) {
                p.setPen(Qt::white);
                p.drawText(part, Qt::AlignCenter, countText(m_parts[i]));
            }
            x += w;
        }
    }

private:
    std::array<std::int64_t, 3> m_parts{};
};

CompareSubsetsDialog::CompareSubsetsDialog(JobManager* jobs, Project* project, QWidget* parent)
    : QDialog(parent),
      m_jobs(jobs),
      m_project(project),
      m_a(new QComboBox),
      m_b(new QComboBox),
      m_bar(new OverlapBar),
      m_both(new QLabel),
      m_onlyA(new QLabel),
      m_onlyB(new QLabel),
      m_jaccard(new QLabel),
      m_groupBy(new QComboBox),
      m_table(new QTableWidget),
      m_status(new QLabel) {
    setWindowTitle(tr("Compare Subsets"));
    setWindowIcon(curationIcon(CurationIconId::Compare));
    for (QComboBox* box : {m_a, m_b}) {
        box->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        box->setMinimumContentsLength(14);
        box->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    }
    auto* swap = new QToolButton;
    swap->setText(QStringLiteral("⇄"));
    swap->setToolTip(tr("Swap A and B"));
    swap->setAutoRaise(true);

    auto* pick = new QHBoxLayout;
    pick->addWidget(swatch(kColourA, QStringLiteral("A")));
    pick->addWidget(m_a, 1);
    pick->addWidget(swap);
    pick->addWidget(swatch(kColourB, QStringLiteral("B")));
    pick->addWidget(m_b, 1);

    QFont big = font();
    big.setPointSizeF(big.pointSizeF() * 1.5);
    big.setBold(true);
    auto* stats = new QGridLayout;
    stats->setHorizontalSpacing(18);
    const std::pair<QLabel*, QLabel*> cells[4] = {
        {m_both, swatch(kColourBoth, tr("in both"))},
        {m_onlyA, swatch(kColourA, tr("only in A"))},
        {m_onlyB, swatch(kColourB, tr("only in B"))},
        {m_jaccard, new QLabel(tr("Jaccard index"))},
    };
    const QString tips[4] = {tr("|A ∩ B|: samples in both subsets"), tr("|A \\ B|: samples in A but not in B"),
                             tr("|B \\ A|: samples in B but not in A"),
                             tr("|A ∩ B| / |A ∪ B|: 1 when the subsets are the same, 0 when they share nothing")};
    for (int i = 0; i < 4; ++i) {
        cells[i].first->setFont(big);
        cells[i].first->setTextInteractionFlags(Qt::TextSelectableByMouse);
        cells[i].second->setForegroundRole(QPalette::PlaceholderText);
        cells[i].first->setToolTip(tips[i]);
        cells[i].second->setToolTip(tips[i]);
        stats->addWidget(cells[i].first, 0, i);
        stats->addWidget(cells[i].second, 1, i);
    }

    m_groupBy->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_groupBy->setToolTip(tr("Count the members of both subsets by label, or by a stored cluster score"));
    auto* groupRow = new QHBoxLayout;
    groupRow->addWidget(new QLabel(tr("Counts by")));
    groupRow->addWidget(m_groupBy);
    groupRow->addStretch(1);

    m_table->setColumnCount(5);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_table->setSortingEnabled(false);

    m_status->setWordWrap(true);
    m_status->setForegroundRole(QPalette::PlaceholderText);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(pick);
    layout->addSpacing(4);
    layout->addWidget(m_bar);
    layout->addLayout(stats);
    layout->addSpacing(6);
    layout->addLayout(groupRow);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_status);
    layout->addWidget(buttons);
    resize(560, 440);

    connect(swap, &QToolButton::clicked, this, [this] {
        const QString a = subsetA(), b = subsetB();
        setSubsets(b, a);
    });
    for (QComboBox* box : {m_a, m_b}) connect(box, &QComboBox::currentIndexChanged, this, &CompareSubsetsDialog::compare);
    connect(m_groupBy, &QComboBox::currentIndexChanged, this, &CompareSubsetsDialog::showGrouping);
    if (project) connect(project, &Project::subsetsChanged, this, &CompareSubsetsDialog::reload);
    reload();
}

QString CompareSubsetsDialog::subsetA() const { return m_a->currentText(); }
QString CompareSubsetsDialog::subsetB() const { return m_b->currentText(); }

QString CompareSubsetsDialog::statText(const QString& which) const {
    if (which == QLatin1String("both")) return m_both->text();
    if (which == QLatin1String("onlyA")) return m_onlyA->text();
    if (which == QLatin1String("onlyB")) return m_onlyB->text();
    if (which == QLatin1String("jaccard")) return m_jaccard->text();
    return {};
}

void CompareSubsetsDialog::reload() {
    const QString a = subsetA(), b = subsetB();
    QStringList names;
    if (m_project) {
        try {
            for (const auto& s : m_project->catalog().subsets()) names << toQString(s.name);
        } catch (const std::exception& e) {
            m_status->setText(QString::fromUtf8(e.what()));
        }
    }
    for (QComboBox* box : {m_a, m_b}) {
        const QSignalBlocker blocker(box);
        box->clear();
        box->addItems(names);
    }
    if (names.size() < 2) {
        m_status->setText(tr("Compare needs two subsets; this project has %1.").arg(names.size()));
        m_comparison.reset();
        showComparison();
    }
    // Keep the choices when they still exist; otherwise the first two subsets.
    setSubsets(names.contains(a) ? a : names.value(0), names.contains(b) ? b : names.value(names.size() > 1 ? 1 : 0));
}

void CompareSubsetsDialog::setSubsets(const QString& a, const QString& b) {
    {
        const QSignalBlocker blockA(m_a), blockB(m_b);
        if (const int i = m_a->findText(a); i >= 0) m_a->setCurrentIndex(i);
        if (const int i = m_b->findText(b); i >= 0) m_b->setCurrentIndex(i);
    }
    compare();
}

void CompareSubsetsDialog::compare() {
    if (m_job) m_jobs->cancel(m_job);
    m_job = 0;
    const quint64 generation = ++m_generation;
    if (!m_project || m_a->count() == 0) return;
    const std::string path = m_project->path().toStdString();
    const std::string a = subsetA().toStdString(), b = subsetB().toStdString();
    m_status->setText(tr("Comparing…"));
    m_job = m_jobs->start<SubsetComparison>(
        JobSpec{tr("Compare subsets"), Resource::Decode, false},
        [path, a, b](Progress& progress) {
            const auto catalog = catalog::Catalog::open(path, catalog::Catalog::Mode::ReadOnly);
            return compareSubsets(catalog, a, b, progress);
        },
        this, [this, generation](JobOutcome<SubsetComparison> outcome) {
            if (generation != m_generation) return;  // a newer comparison was asked for
            m_job = 0;
            if (outcome.value) {
                m_comparison = std::move(*outcome.value);
                m_status->setText(m_comparison->a == m_comparison->b ? tr("A and B are the same subset.") : QString());
            } else {
                m_comparison.reset();
                m_status->setText(outcome.canceled ? tr("Canceled.") : outcome.error);
            }
            showComparison();
            Q_EMIT compared();
        });
}

void CompareSubsetsDialog::showComparison() {
    const QString title = m_groupBy->currentText();
    {
        const QSignalBlocker blocker(m_groupBy);
        m_groupBy->clear();
        if (m_comparison)
            for (const Grouping& g : m_comparison->groupings) m_groupBy->addItem(g.title);
        const int keep = m_groupBy->findText(title);
        m_groupBy->setCurrentIndex(keep >= 0 ? keep : 0);
    }
    m_groupBy->setEnabled(m_groupBy->count() > 1);
    if (!m_comparison) {
        m_bar->setCounts(0, 0, 0);
        for (QLabel* l : {m_both, m_onlyA, m_onlyB, m_jaccard}) l->setText(QStringLiteral("—"));
    } else {
        const SubsetComparison& c = *m_comparison;
        m_bar->setCounts(c.onlyA, c.both, c.onlyB);
        m_both->setText(countText(c.both));
        m_onlyA->setText(countText(c.onlyA));
        m_onlyB->setText(countText(c.onlyB));
        m_jaccard->setText(QLocale().toString(c.jaccard, 'f', 3));
    }
    showGrouping();
}

void CompareSubsetsDialog::showGrouping() {
    m_table->clearContents();
    const int g = m_groupBy->currentIndex();
    if (!m_comparison || g < 0 || g >= static_cast<int>(m_comparison->groupings.size())) {
        m_table->setRowCount(0);
        m_table->setHorizontalHeaderLabels({tr("Group"), QStringLiteral("A"), QStringLiteral("B"), tr("% of A"), tr("% of B")});
        return;
    }
    const SubsetComparison& c = *m_comparison;
    const Grouping& grouping = c.groupings[static_cast<std::size_t>(g)];
    m_table->setHorizontalHeaderLabels({grouping.title, c.a, c.b, tr("% of %1").arg(c.a), tr("% of %1").arg(c.b)});
    m_table->setRowCount(static_cast<int>(grouping.rows.size()));
    for (int r = 0; r < static_cast<int>(grouping.rows.size()); ++r) {
        const GroupCount& row = grouping.rows[static_cast<std::size_t>(r)];
        m_table->setItem(r, 0, new QTableWidgetItem(row.key));
        m_table->setItem(r, 1, numberItem(countText(row.a)));
        m_table->setItem(r, 2, numberItem(countText(row.b)));
        m_table->setItem(r, 3, numberItem(percent(row.a, c.sizeA)));
        m_table->setItem(r, 4, numberItem(percent(row.b, c.sizeB)));
    }
}

}  // namespace winnow::widgets
