// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/curation/scoresdialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

#include "curate/scores.h"

namespace winnow::widgets {

namespace {
bool needsEmbedder(const QString& kind) { return kind == QLatin1String("typicality") || kind == QLatin1String("outlier") || kind == QLatin1String("probe"); }
}  // namespace

ScoresDialog::ScoresDialog(QWidget* parent)
    : QDialog(parent),
      m_kind(new QComboBox),
      m_embedder(new QComboBox),
      m_params(new QLineEdit),
      m_model(new QLineEdit),
      m_browse(new QPushButton(tr("Browse…"))),
      m_about(new QLabel) {
    setWindowTitle(tr("Compute Scores"));
    for (const auto& [name, help] : curate::scoreKinds())
        m_kind->addItem(QString::fromStdString(name), QString::fromStdString(help));
    m_params->setPlaceholderText(tr("key=value …, e.g. k=20"));
    m_model->setPlaceholderText(tr("scorer model: FILE.pt (with its .json sidecar) or the sidecar"));
    m_about->setWordWrap(true);
    m_about->setMinimumWidth(420);

    auto* modelRow = new QHBoxLayout;
    modelRow->setContentsMargins(0, 0, 0, 0);
    modelRow->addWidget(m_model, 1);
    modelRow->addWidget(m_browse);

    auto* form = new QFormLayout;
    form->addRow(tr("Score"), m_kind);
    form->addRow(QString(), m_about);
    form->addRow(tr("Embedder"), m_embedder);
    form->addRow(tr("Model"), modelRow);
    form->addRow(tr("Parameters"), m_params);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    m_ok->setText(tr("Compute"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(buttons);

    connect(m_kind, &QComboBox::currentIndexChanged, this, &ScoresDialog::updateState);
    connect(m_model, &QLineEdit::textChanged, this, &ScoresDialog::updateState);
    connect(m_browse, &QPushButton::clicked, this, [this] {
        const QString file = QFileDialog::getOpenFileName(this, tr("Scorer Model"), m_startDirectory,
                                                          tr("TorchScript scorers (*.pt *.json)"));
        if (!file.isEmpty()) m_model->setText(file);
    });
    updateState();
}

void ScoresDialog::setEmbedders(const QStringList& names) {
    m_embedder->clear();
    m_embedder->addItems(names);
    updateState();
}

std::string ScoresDialog::kind() const { return m_kind->currentText().toStdString(); }

std::string ScoresDialog::embedder() const {
    return m_embedder->count() > 0 ? m_embedder->currentText().toStdString() : std::string("builtin");
}

std::vector<std::string> ScoresDialog::params() const {
    std::vector<std::string> out;
    for (const QString& pair : m_params->text().split(QLatin1Char(' '), Qt::SkipEmptyParts)) out.push_back(pair.toStdString());
    if (m_kind->currentText() == QLatin1String("model") && !m_model->text().trimmed().isEmpty())
        out.push_back("model=" + m_model->text().trimmed().toStdString());
    return out;
}

void ScoresDialog::updateState() {
    const QString kind = m_kind->currentText();
    m_about->setText(m_kind->currentData().toString());
    const bool embedder = needsEmbedder(kind);
    const bool model = kind == QLatin1String("model");
    m_embedder->setEnabled(embedder && m_embedder->count() > 0);
    m_model->setEnabled(model);
    m_browse->setEnabled(model);
    bool ok = true;
    QString why;
    if (embedder && m_embedder->count() == 0) {
        ok = false;
        why = tr("This score needs embeddings: embed the project first (Curate ▸ Embed…).");
    } else if (model && m_model->text().trimmed().isEmpty()) {
        ok = false;
    }
    if (!why.isEmpty()) m_about->setText(m_about->text() + QStringLiteral("\n\n") + why);
    m_ok->setEnabled(ok);
}

}  // namespace winnow::widgets
