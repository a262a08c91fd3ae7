// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/duplicates/duplicatepanel.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QListView>
#include <QPushButton>
#include <QVBoxLayout>

#include "widgets/common/strings.h"
#include "widgets/duplicates/duplicategroupmodel.h"
#include "widgets/duplicates/groupdelegate.h"
#include "widgets/style/icons.h"
#include "widgets/thumbnails/thumbnailscheduler.h"

namespace winnow::widgets {

DuplicatePanel::DuplicatePanel(const QString& title, QWidget* parent)
    : QWidget(parent),
      m_model(new DuplicateGroupModel(this)),
      m_view(new QListView),
      m_delegate(new GroupDelegate(this)),
      m_controls(new QHBoxLayout),
      m_status(new QLabel),
      m_warning(new QLabel),
      m_policy(new QComboBox),
      m_tagOthers(new QPushButton(icon(IconId::TagAdd), tr("Tag Others"))),
      m_deleteOthers(new QPushButton(icon(IconId::Delete), tr("Delete Others…"))) {
    m_view->setModel(m_model);
    m_view->setItemDelegate(m_delegate);
    m_view->setUniformItemSizes(true);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_view->setAlternatingRowColors(true);
    m_scheduler = new ThumbnailScheduler(m_view, [this](const QModelIndex& index) {
        const QList<qint64> ids = index.data(DuplicateGroupModel::MemberIdsRole).value<QList<qint64>>();
        const int slots = m_delegate->slotsFor(m_view->viewport()->width());
        return std::vector<std::int64_t>(ids.begin(), ids.begin() + std::min<qsizetype>(ids.size(), slots));
    });
    connect(m_delegate, &GroupDelegate::memberClicked, this, &DuplicatePanel::memberClicked);

    for (KeepPolicy p : {KeepPolicy::First, KeepPolicy::Largest, KeepPolicy::Sharpest})
        m_policy->addItem(keepPolicyName(p), static_cast<int>(p));
    m_policy->setToolTip(tr("Which member of each group to keep"));
    m_tagOthers->setToolTip(tr("Tag every other member \"duplicate\" (undoable)"));
    m_deleteOthers->setToolTip(tr("Remove every other member from the project (asks first)"));
    connect(m_tagOthers, &QPushButton::clicked, this, &DuplicatePanel::tagOthersRequested);
    connect(m_deleteOthers, &QPushButton::clicked, this, &DuplicatePanel::deleteOthersRequested);

    auto* titleLabel = new QLabel(title);
    QFont bold = titleLabel->font();
    bold.setBold(true);
    titleLabel->setFont(bold);
    m_warning->setWordWrap(true);
    m_warning->setStyleSheet(QStringLiteral("QLabel { background: #fff3cd; color: #6b4e00; border-radius: 3px; padding: 3px; }"));
    m_warning->hide();
    m_status->setWordWrap(true);

    auto* head = new QHBoxLayout;
    head->addWidget(titleLabel);
    head->addStretch(1);
    head->addLayout(m_controls);
    auto* keep = new QHBoxLayout;
    keep->addWidget(m_policy);
    keep->addWidget(m_tagOthers);
    keep->addWidget(m_deleteOthers);
    keep->addStretch(1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addLayout(head);
    layout->addWidget(m_status);
    layout->addWidget(m_warning);
    layout->addWidget(m_view, 1);
    layout->addLayout(keep);

    connect(m_model, &QAbstractItemModel::modelReset, this, &DuplicatePanel::updateButtons);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, &DuplicatePanel::updateButtons);
    updateButtons();
}

void DuplicatePanel::setProvider(ThumbnailProvider* provider) {
    m_model->setThumbnails(provider);
    m_scheduler->setProvider(provider);
}

void DuplicatePanel::setStatus(const QString& text) { m_status->setText(text); }

QString DuplicatePanel::status() const { return m_status->text(); }

void DuplicatePanel::setWarning(const QString& text) {
    m_warning->setText(text);
    m_warning->setVisible(!text.isEmpty());
}

QString DuplicatePanel::warning() const { return m_warning->text(); }

KeepPolicy DuplicatePanel::policy() const { return static_cast<KeepPolicy>(m_policy->currentData().toInt()); }

void DuplicatePanel::setPolicy(KeepPolicy policy) { m_policy->setCurrentIndex(m_policy->findData(static_cast<int>(policy))); }

std::vector<int> DuplicatePanel::targetRows() const {
    std::vector<int> rows;
    for (const QModelIndex& index : m_view->selectionModel()->selectedRows()) rows.push_back(index.row());
    if (rows.empty())
        for (int row = 0; row < m_model->rowCount(); ++row) rows.push_back(row);
    std::sort(rows.begin(), rows.end());
    return rows;
}

void DuplicatePanel::updateButtons() {
    const bool any = m_model->rowCount() > 0;
    const int selected = static_cast<int>(m_view->selectionModel()->selectedRows().size());
    m_tagOthers->setEnabled(any);
    m_deleteOthers->setEnabled(any);
    const QString scope = selected > 0 ? counted(selected, tr("in the selected group"), tr("in the %1 selected groups")) : tr("in every group");
    m_tagOthers->setToolTip(tr("Tag every member but the kept one \"duplicate\", %1 (undoable)").arg(scope));
    m_deleteOthers->setToolTip(tr("Remove every member but the kept one from the project, %1").arg(scope));
}

}  // namespace winnow::widgets
