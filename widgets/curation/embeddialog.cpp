// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/curation/embeddialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

#include "widgets/curation/curationicons.h"
#include "widgets/style/icons.h"

namespace winnow::widgets {

namespace {
constexpr int kBuiltin = 0;
const QString kModelFile = QStringLiteral("\x01model");  // data of the "model file" entry
}  // namespace

EmbedDialog::EmbedDialog(QWidget* parent)
    : QDialog(parent),
      m_embedder(new QComboBox),
      m_model(new QLineEdit),
      m_browse(new QPushButton(icon(IconId::Open), tr("Browse…"))),
      m_device(new QComboBox),
      m_dataset(new QComboBox),
      m_about(new QLabel),
      m_ok(nullptr) {
    setWindowTitle(tr("Embed Images"));
    setWindowIcon(curationIcon(CurationIconId::Embed));
    m_embedder->addItem(tr("Built-in embedder"), QStringLiteral("builtin"));
    m_embedder->addItem(tr("TorchScript model file…"), kModelFile);
    m_model->setPlaceholderText(tr("MODEL.pt (with MODEL.json beside it) or MODEL.json"));
    m_model->setClearButtonEnabled(true);
    m_device->addItem(tr("Automatic (CUDA when available)"), QStringLiteral("auto"));
    m_device->addItem(tr("CPU"), QStringLiteral("cpu"));
    m_device->addItem(tr("CUDA GPU"), QStringLiteral("cuda"));
    m_device->setToolTip(tr("Where a TorchScript model runs; the built-in embedder always uses the CPU"));
    m_dataset->addItem(tr("All datasets"));
    m_about->setWordWrap(true);
    m_about->setForegroundRole(QPalette::PlaceholderText);

    auto* modelRow = new QHBoxLayout;
    modelRow->setContentsMargins(0, 0, 0, 0);
    modelRow->addWidget(m_model, 1);
    modelRow->addWidget(m_browse);
    auto* form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->addRow(tr("Embedder"), m_embedder);
    form->addRow(tr("Model"), modelRow);
    form->addRow(tr("Device"), m_device);
    form->addRow(tr("Dataset"), m_dataset);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    m_ok->setText(tr("Embed"));
    m_ok->setIcon(curationIcon(CurationIconId::Embed));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_about);
    layout->addStretch(1);
    layout->addWidget(buttons);
    resize(520, 260);

    connect(m_embedder, &QComboBox::currentIndexChanged, this, &EmbedDialog::updateState);
    connect(m_model, &QLineEdit::textChanged, this, &EmbedDialog::updateState);
    connect(m_browse, &QPushButton::clicked, this, [this] {
        const QString file = QFileDialog::getOpenFileName(this, tr("TorchScript Model"), m_startDirectory,
                                                          tr("TorchScript models (*.pt *.json);;All files (*)"));
        if (file.isEmpty()) return;
        m_model->setText(file);
        m_embedder->setCurrentIndex(m_embedder->findData(kModelFile));
    });
    updateState();
}

void EmbedDialog::setEmbedders(const QStringList& names) {
    const QSignalBlocker blocker(m_embedder);
    while (m_embedder->count() > 2) m_embedder->removeItem(1);
    int at = 1;
    for (const QString& name : names)
        if (name != QLatin1String("builtin")) m_embedder->insertItem(at++, tr("%1 (add the new samples)").arg(name), name);
    updateState();
}

void EmbedDialog::setDatasets(const std::vector<std::pair<QString, std::int64_t>>& datasets) {
    m_dataset->clear();
    m_dataset->addItem(tr("All datasets"));
    for (const auto& [name, id] : datasets) m_dataset->addItem(name, QVariant::fromValue<qint64>(id));
}

void EmbedDialog::setEmbedder(const QString& nameOrPath) {
    const int i = m_embedder->findData(nameOrPath);
    if (i >= 0) {
        m_embedder->setCurrentIndex(i);
    } else if (!nameOrPath.isEmpty()) {
        m_model->setText(nameOrPath);
        m_embedder->setCurrentIndex(m_embedder->findData(kModelFile));
    }
    updateState();
}

bool EmbedDialog::modelChosen() const { return m_embedder->currentData().toString() == kModelFile; }

void EmbedDialog::updateState() {
    const bool model = modelChosen();
    m_model->setEnabled(model);
    m_browse->setEnabled(model);
    m_device->setEnabled(model || m_embedder->currentIndex() != kBuiltin);
    if (m_embedder->currentIndex() == kBuiltin)
        m_about->setText(tr("The built-in embedder learns a compact vector for each image from this "
                            "project's own images (fitted once, on the CPU; no download). Samples that already "
                            "have a vector are skipped, so running it again after an import embeds only the new "
                            "ones."));
    else if (model)
        m_about->setText(tr("A TorchScript model (for example CLIP or DINOv2 exported with its sidecar .json, "
                            "which names it and says how to prepare images). Its name in the project comes from "
                            "the sidecar."));
    else
        m_about->setText(tr("Embeds the samples that have no vector yet under this embedder."));
    if (m_ok) m_ok->setEnabled(!model || !m_model->text().trimmed().isEmpty());
}

curate::EmbedParams EmbedDialog::params() const {
    curate::EmbedParams p;
    p.embedder = modelChosen() ? QFileInfo(m_model->text().trimmed()).absoluteFilePath().toStdString()
                               : m_embedder->currentData().toString().toStdString();
    p.device = m_device->currentData().toString().toStdString();
    if (m_dataset->currentIndex() > 0) p.datasetId = m_dataset->currentData().toLongLong();
    return p;
}

}  // namespace winnow::widgets
