// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/import/importdialog.h"

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

#include "widgets/style/icons.h"

namespace winnow::widgets {

ImportDialog::ImportDialog(QWidget* parent)
    : QDialog(parent),
      m_source(new QLineEdit),
      m_format(new QComboBox),
      m_dataset(new QComboBox),
      m_split(new QComboBox),
      m_hint(new QLabel),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel)) {
    setWindowTitle(tr("Import Images"));
    setWindowIcon(icon(IconId::Import));
    m_source->setPlaceholderText(tr("A folder, a .csv or COCO .json manifest, IDX files or a .tar shard"));
    m_source->setClearButtonEnabled(true);
    m_source->setMinimumWidth(420);
    auto* fileButton = new QPushButton(icon(IconId::File), tr("File…"));
    auto* folderButton = new QPushButton(icon(IconId::Folder), tr("Folder…"));
    connect(fileButton, &QPushButton::clicked, this, &ImportDialog::chooseFile);
    connect(folderButton, &QPushButton::clicked, this, &ImportDialog::chooseFolder);
    connect(m_source, &QLineEdit::textChanged, this, &ImportDialog::sourceChanged);

    const std::pair<const char*, sources::Format> formats[] = {
        {QT_TR_NOOP("Detect automatically"), sources::Format::Auto},
        {QT_TR_NOOP("Folder of images"), sources::Format::Folder},
        {QT_TR_NOOP("ImageFolder (one subfolder per class)"), sources::Format::ImageFolder},
        {QT_TR_NOOP("CSV manifest"), sources::Format::Csv},
        {QT_TR_NOOP("COCO annotations (JSON)"), sources::Format::Coco},
        {QT_TR_NOOP("IDX files (MNIST)"), sources::Format::Idx},
        {QT_TR_NOOP("WebDataset tar shard"), sources::Format::Tar},
    };
    for (const auto& [name, format] : formats) m_format->addItem(tr(name), static_cast<int>(format));
    m_dataset->setEditable(true);
    m_dataset->lineEdit()->setPlaceholderText(tr("Named after the source"));
    m_dataset->setInsertPolicy(QComboBox::NoInsert);
    m_split->setEditable(true);
    m_split->addItems({QString(), QStringLiteral("train"), QStringLiteral("val"), QStringLiteral("test")});
    m_split->lineEdit()->setPlaceholderText(tr("From the source, else none"));
    m_hint->setWordWrap(true);
    QFont small = m_hint->font();
    small.setPointSizeF(small.pointSizeF() * 0.92);
    m_hint->setFont(small);

    auto* sourceRow = new QHBoxLayout;
    sourceRow->addWidget(m_source, 1);
    sourceRow->addWidget(fileButton);
    sourceRow->addWidget(folderButton);
    auto* form = new QFormLayout;
    auto* sourceLabel = new QLabel(tr("&Source:"));
    sourceLabel->setBuddy(m_source);
    form->addRow(sourceLabel, sourceRow);
    form->addRow(tr("&Format:"), m_format);
    form->addRow(tr("&Dataset:"), m_dataset);
    form->addRow(tr("S&plit:"), m_split);
    form->addRow(QString(), m_hint);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addStretch(1);
    layout->addWidget(m_buttons);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Import"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    sourceChanged();
}

ImportRequest ImportDialog::request() const {
    ImportRequest r;
    r.source = m_source->text().trimmed();
    r.format = static_cast<sources::Format>(m_format->currentData().toInt());
    r.dataset = m_dataset->currentText().trimmed();
    r.split = m_split->currentText().trimmed();
    return r;
}

void ImportDialog::setSource(const QString& path) { m_source->setText(path); }

void ImportDialog::setDatasets(const QStringList& names) {
    const QString current = m_dataset->currentText();
    m_dataset->clear();
    m_dataset->addItem(QString());
    m_dataset->addItems(names);
    m_dataset->setCurrentText(current);
}

void ImportDialog::chooseFile() {
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Import File"), m_startDirectory,
        tr("Dataset files (*.csv *.json *.tar *-ubyte *-ubyte.gz);;All files (*)"));
    if (!path.isEmpty()) setSource(path);
}

void ImportDialog::chooseFolder() {
    const QString path = QFileDialog::getExistingDirectory(this, tr("Import Folder"), m_startDirectory);
    if (!path.isEmpty()) setSource(path);
}

void ImportDialog::sourceChanged() {
    const QString path = m_source->text().trimmed();
    const QFileInfo info(path);
    const bool exists = !path.isEmpty() && info.exists();
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(exists);
    if (path.isEmpty()) {
        m_hint->setText(tr("Choose a file or a folder, or drop one on the main window."));
    } else if (!exists) {
        m_hint->setText(tr("No such file or folder."));
    } else {
        m_hint->setText(tr("Samples already in the dataset are skipped, so importing again completes an "
                           "interrupted import."));
    }
    if (exists && m_dataset->currentText().isEmpty())
        m_dataset->lineEdit()->setPlaceholderText(tr("Named after the source (%1)").arg(info.fileName()));
}

}  // namespace winnow::widgets
