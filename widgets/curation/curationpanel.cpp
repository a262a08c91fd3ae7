// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The Curation panel: the form and the recipe it describes. Previews, runs and embeds are in
// curationpanelrun.cpp.
#include "widgets/curation/curationpanel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QStyle>
#include <QTimer>
#include <QVBoxLayout>
#include <climits>

#include "common/error.h"
#include "curate/methods.h"
#include "widgets/common/strings.h"
#include "widgets/curation/curationicons.h"
#include "widgets/curation/filterchaineditor.h"
#include "widgets/curation/methodparamform.h"
#include "widgets/jobs/jobmanager.h"
#include "widgets/project/project.h"
#include "widgets/style/icons.h"

namespace winnow::widgets {

namespace {

QComboBox* makeCombo() {
    auto* box = new QComboBox;
    box->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    box->setMinimumContentsLength(10);
    box->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    return box;
}

/// Refills a combo with "any" plus items (text, data), keeping the current data; a current value the
/// project no longer offers (say, from a loaded recipe) stays, marked.
void refill(QComboBox* box, const QString& anyText, const std::vector<std::pair<QString, QString>>& items) {
    const QString current = box->currentIndex() > 0 ? box->currentData().toString() : QString();
    const QSignalBlocker blocker(box);
    box->clear();
    box->addItem(anyText);
    for (const auto& [text, data] : items) box->addItem(text, data);
    if (current.isEmpty()) {
        box->setCurrentIndex(0);
        return;
    }
    int index = box->findData(current);
    if (index < 0) {
        box->addItem(QObject::tr("%1 (not in this project)").arg(current), current);
        index = box->count() - 1;
    }
    box->setCurrentIndex(index);
}

/// Marks the entries added for values the project does not have.
constexpr int kForeignRole = Qt::UserRole + 1;

/// Selects the entry whose data is `value` ("" selects the first), adding a marked one when absent.
void choose(QComboBox* box, const QString& value) {
    if (value.isEmpty()) {
        box->setCurrentIndex(0);
        return;
    }
    int index = box->findData(value);
    if (index < 0) {
        box->addItem(QObject::tr("%1 (not in this project)").arg(value), value);
        index = box->count() - 1;
        box->setItemData(index, true, kForeignRole);
    }
    box->setCurrentIndex(index);
}

QLabel* hint(const QString& text = {}) {
    auto* label = new QLabel(text);
    label->setWordWrap(true);
    label->setForegroundRole(QPalette::PlaceholderText);
    return label;
}

QFormLayout* makeForm(QWidget* parent) {
    auto* form = new QFormLayout(parent);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->setRowWrapPolicy(QFormLayout::DontWrapRows);
    form->setLabelAlignment(Qt::AlignRight | Qt::AlignVCenter);
    form->setContentsMargins(8, 6, 8, 8);
    return form;
}

const char* const kPoolKeys[] = {"dataset", "split", "label", "tag", "subset"};

}  // namespace

CurationPanel::CurationPanel(JobManager* jobs, QWidget* parent)
    : QWidget(parent),
      m_jobs(jobs),
      m_embedder(makeCombo()),
      m_embed(new QPushButton(curationIcon(CurationIconId::Embed), tr("Embed…"))),
      m_dataset(makeCombo()),
      m_split(makeCombo()),
      m_label(makeCombo()),
      m_tag(makeCombo()),
      m_poolSubset(makeCombo()),
      m_filters(new FilterChainEditor),
      m_method(makeCombo()),
      m_methodSummary(hint()),
      m_params(new MethodParamForm),
      m_sizeMode(new QComboBox),
      m_size(new QSpinBox),
      m_percent(new QDoubleSpinBox),
      m_seed(new QSpinBox),
      m_name(new QLineEdit),
      m_replace(new QCheckBox(tr("Replace"))),
      m_previewLabel(new QLabel),
      m_progress(new QProgressBar),
      m_status(new QLabel),
      m_load(new QPushButton(icon(IconId::Open), tr("Load…"))),
      m_save(new QPushButton(tr("Save…"))),
      m_run(new QPushButton(curationIcon(CurationIconId::Run), tr("Run"))),
      m_previewDelay(new QTimer(this)) {
    setObjectName(QStringLiteral("CurationPanel"));
    auto* scroll = new QScrollArea;
    m_form = buildForm();
    scroll->setWidget(m_form);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);

    m_previewLabel->setObjectName(QStringLiteral("CurationPreview"));
    m_previewLabel->setWordWrap(true);
    m_previewLabel->setTextFormat(Qt::RichText);
    m_progress->setTextVisible(false);
    m_progress->setMaximumHeight(6);
    m_progress->hide();
    m_status->setObjectName(QStringLiteral("CurationStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status->hide();
    m_load->setToolTip(tr("Fill the form from a recipe file (JSON)"));
    m_save->setToolTip(tr("Save the form as a recipe file (JSON), for winnow-cli select --recipe"));
    m_run->setToolTip(tr("Run the recipe and save the result as a subset"));
    m_run->setDefault(true);

    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_load);
    buttons->addWidget(m_save);
    buttons->addStretch(1);
    buttons->addWidget(m_run);
    auto* bottom = new QVBoxLayout;
    bottom->setContentsMargins(8, 4, 8, 8);
    bottom->setSpacing(4);
    bottom->addWidget(m_previewLabel);
    bottom->addWidget(m_progress);
    bottom->addWidget(m_status);
    bottom->addLayout(buttons);
    auto* line = new QFrame;
    line->setFrameShape(QFrame::HLine);
    line->setFrameShadow(QFrame::Sunken);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(scroll, 1);
    layout->addWidget(line);
    layout->addLayout(bottom);

    m_previewDelay->setSingleShot(true);
    m_previewDelay->setInterval(250);
    connect(m_previewDelay, &QTimer::timeout, this, &CurationPanel::startPreview);
    connect(m_embed, &QPushButton::clicked, this, &CurationPanel::embedDialog);
    connect(m_load, &QPushButton::clicked, this, &CurationPanel::loadRecipeDialog);
    connect(m_save, &QPushButton::clicked, this, &CurationPanel::saveRecipeDialog);
    connect(m_run, &QPushButton::clicked, this, [this] {
        if (isRunning())
            cancelRun();
        else
            run();
    });
    for (QComboBox* box : {m_embedder, m_dataset, m_split, m_label, m_tag, m_poolSubset})
        connect(box, &QComboBox::currentIndexChanged, this, &CurationPanel::schedulePreview);
    connect(m_method, &QComboBox::currentIndexChanged, this, &CurationPanel::methodChanged);
    connect(m_sizeMode, &QComboBox::currentIndexChanged, this, &CurationPanel::sizeModeChanged);
    connect(m_size, &QSpinBox::valueChanged, this, &CurationPanel::schedulePreview);
    connect(m_percent, &QDoubleSpinBox::valueChanged, this, &CurationPanel::schedulePreview);
    connect(m_filters, &FilterChainEditor::changed, this, &CurationPanel::schedulePreview);
    connect(m_params, &MethodParamForm::changed, this, &CurationPanel::updateSuggestedName);
    connect(m_jobs->model(), &QAbstractItemModel::dataChanged, this, &CurationPanel::jobProgress);
    methodChanged();
    setProject(nullptr);
}

CurationPanel::~CurationPanel() = default;

QSize CurationPanel::sizeHint() const {
    const int scrollBar = style()->pixelMetric(QStyle::PM_ScrollBarExtent);
    return {m_form->minimumSizeHint().width() + scrollBar + 8, 720};
}

QSize CurationPanel::minimumSizeHint() const { return {sizeHint().width(), QWidget::minimumSizeHint().height()}; }

QWidget* CurationPanel::buildForm() {
    auto* content = new QWidget;

    auto* embeddings = new QGroupBox(tr("Embeddings"));
    auto* embedRow = new QHBoxLayout(embeddings);
    embedRow->setContentsMargins(8, 6, 8, 8);
    embedRow->addWidget(m_embedder, 1);
    embedRow->addWidget(m_embed);
    m_embedder->setToolTip(tr("The vectors that methods such as typicality, coreset and outliers work on"));
    m_embed->setToolTip(tr("Compute vectors for the samples that have none yet (runs as a job)"));

    auto* pool = new QGroupBox(tr("Pool"));
    QFormLayout* poolForm = makeForm(pool);
    poolForm->addRow(tr("Dataset"), m_dataset);
    poolForm->addRow(tr("Split"), m_split);
    poolForm->addRow(tr("Label"), m_label);
    poolForm->addRow(tr("Tag"), m_tag);
    poolForm->addRow(tr("Subset"), m_poolSubset);
    pool->setToolTip(tr("The imported samples the recipe starts from"));

    auto* filters = new QGroupBox(tr("Filters"));
    auto* filterLayout = new QVBoxLayout(filters);
    filterLayout->setContentsMargins(8, 6, 8, 8);
    filterLayout->addWidget(m_filters);

    auto* selection = new QGroupBox(tr("Selection"));
    QFormLayout* form = makeForm(selection);
    for (const auto& m : curate::selectionMethods()) {
        m_method->addItem(QString::fromStdString(m.name), QString::fromStdString(m.name));
        m_method->setItemData(m_method->count() - 1, QString::fromStdString(m.summary), Qt::ToolTipRole);
    }
    form->addRow(tr("Method"), m_method);
    form->addRow(m_methodSummary);
    form->addRow(m_params);

    m_sizeMode->addItem(tr("All that is left"), AllLeft);
    m_sizeMode->addItem(tr("Count"), Count);
    m_sizeMode->addItem(tr("Percent"), Percent);
    m_sizeMode->setToolTip(tr("How many samples to select from what the filters leave"));
    m_size->setRange(0, 99999999);  // the widest text sets the box's width
    m_size->setValue(1000);
    m_size->setGroupSeparatorShown(true);
    m_size->setToolTip(tr("Samples to select (at most what the filters leave)"));
    m_sizeMode->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_sizeMode->setMinimumContentsLength(6);
    m_percent->setRange(0.01, 100.0);
    m_percent->setDecimals(2);
    m_percent->setValue(10.0);
    m_percent->setSuffix(QStringLiteral(" %"));
    m_percent->setToolTip(tr("Of the samples the filters leave"));
    auto* sizeRow = new QHBoxLayout;
    sizeRow->setContentsMargins(0, 0, 0, 0);
    sizeRow->addWidget(m_sizeMode);
    sizeRow->addWidget(m_size, 1);
    sizeRow->addWidget(m_percent, 1);
    form->addRow(tr("Size"), sizeRow);
    m_sizeMode->setCurrentIndex(m_sizeMode->findData(Count));
    m_percent->hide();

    m_seed->setRange(0, INT_MAX);
    m_seed->setToolTip(tr("The same recipe and seed on the same project give the same subset"));
    form->addRow(tr("Seed"), m_seed);
    m_name->setClearButtonEnabled(true);
    m_name->setToolTip(tr("The name of the subset to save (empty: the suggestion shown)"));
    m_replace->setToolTip(tr("Replace a subset of the same name"));
    auto* nameRow = new QHBoxLayout;
    nameRow->setContentsMargins(0, 0, 0, 0);
    nameRow->addWidget(m_name, 1);
    nameRow->addWidget(m_replace);
    form->addRow(tr("Save as"), nameRow);

    auto* layout = new QVBoxLayout(content);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->setSpacing(8);
    layout->addWidget(embeddings);
    layout->addWidget(pool);
    layout->addWidget(filters);
    layout->addWidget(selection);
    layout->addStretch(1);
    return content;
}

void CurationPanel::setProject(Project* project) {
    if (m_project) disconnect(m_project, nullptr, this, nullptr);
    // Jobs of the previous project end without this panel: their results belong to that project.
    if (m_runJob) m_jobs->cancel(m_runJob);
    if (m_previewJob) m_jobs->cancel(m_previewJob);
    m_runJob = m_embedJob = m_previewJob = 0;
    ++m_previewGeneration;
    setRunning(false);
    m_project = project;
    m_preview.reset();
    m_previewError.clear();
    if (project) {
        connect(project, &Project::samplesChanged, this, &CurationPanel::reloadChoices);
        connect(project, &Project::tagsChanged, this, &CurationPanel::reloadChoices);
        connect(project, &Project::subsetsChanged, this, &CurationPanel::reloadChoices);
        connect(project, &Project::embeddersChanged, this, &CurationPanel::reloadChoices);
    }
    m_status->hide();
    // A new project starts from the whole project (a loaded recipe's choices would not apply).
    m_loading = true;
    for (QComboBox* box : {m_dataset, m_split, m_label, m_tag, m_poolSubset}) {
        const QSignalBlocker blocker(box);
        box->setCurrentIndex(0);
    }
    m_loading = false;
    reloadChoices();
    for (QWidget* w : std::initializer_list<QWidget*>{m_embed, m_run, m_load, m_save}) w->setEnabled(project != nullptr);
}

void CurationPanel::reloadChoices() {
    std::vector<std::pair<QString, QString>> datasets, splits, labels, tags, subsets;
    m_subsetNames.clear();
    if (m_project) {
        try {
            catalog::Catalog& catalog = m_project->catalog();  // small reads of the catalog's lists
            for (const auto& d : catalog.datasets())
                datasets.emplace_back(QStringLiteral("%1 (%2)").arg(toQString(d.name), countText(d.imported)), toQString(d.name));
            for (const auto& s : catalog.splits()) splits.emplace_back(toQString(s), toQString(s));
            for (const auto& l : catalog.labels()) labels.emplace_back(toQString(l), toQString(l));
            for (const auto& t : catalog.tags())
                tags.emplace_back(QStringLiteral("%1 (%2)").arg(toQString(t.name), countText(t.count)), toQString(t.name));
            for (const auto& s : catalog.subsets()) {
                subsets.emplace_back(QStringLiteral("%1 (%2)").arg(toQString(s.name), countText(s.size)), toQString(s.name));
                m_subsetNames << toQString(s.name);
            }
        } catch (const std::exception& e) {
            setStatus(QString::fromUtf8(e.what()), true);
        }
    }
    const bool wasLoading = m_loading;
    m_loading = true;
    refill(m_dataset, tr("All datasets"), datasets);
    refill(m_split, tr("Any split"), splits);
    refill(m_label, tr("Any label"), labels);
    refill(m_tag, tr("Any tag"), tags);
    refill(m_poolSubset, tr("Whole project"), subsets);
    reloadEmbedders();
    m_loading = wasLoading;
    updateSuggestedName();
    schedulePreview();
}

void CurationPanel::reloadEmbedders() {
    const QString current = m_embedder->currentData().toString();
    const bool foreign = m_embedder->currentData(kForeignRole).toBool();  // from a loaded recipe: kept
    const QSignalBlocker blocker(m_embedder);
    m_embedder->clear();
    if (m_project) {
        try {
            catalog::Catalog& catalog = m_project->catalog();
            for (const auto& e : catalog.embedders()) {
                std::int64_t rows = 0;
                for (const auto& r : catalog.embeddings(e.id)) rows += r.rows;
                m_embedder->addItem(tr("%1 · %2-d · %3").arg(toQString(e.name)).arg(e.dim)
                                        .arg(counted(rows, tr("1 vector"), tr("%1 vectors"))),
                                    toQString(e.name));
                m_embedder->setItemData(m_embedder->count() - 1,
                                        e.model.empty() ? tr("Built into Winnow") : toQString(e.model), Qt::ToolTipRole);
            }
        } catch (const std::exception& e) {
            setStatus(QString::fromUtf8(e.what()), true);
        }
    }
    if (m_embedder->count() == 0) m_embedder->addItem(tr("builtin (not computed yet)"), QStringLiteral("builtin"));
    if (m_embedder->findData(current) >= 0 || (foreign && !current.isEmpty()))
        choose(m_embedder, current);
    else
        m_embedder->setCurrentIndex(0);
}

curate::Recipe CurationPanel::recipe() const {
    curate::Recipe r;
    const QComboBox* boxes[] = {m_dataset, m_split, m_label, m_tag, m_poolSubset};
    for (int i = 0; i < 5; ++i)
        if (boxes[i]->currentIndex() > 0) r.pool[kPoolKeys[i]] = boxes[i]->currentData().toString().toStdString();
    const QString embedder = m_embedder->currentData().toString();
    r.embedder = embedder.isEmpty() ? std::string("builtin") : embedder.toStdString();
    r.filters = m_filters->steps();
    r.method = m_method->currentData().toString().toStdString();
    r.params = m_params->params();
    switch (m_sizeMode->currentData().toInt()) {
    case Count: r.size = m_size->value(); break;
    case Percent: r.fraction = m_percent->value() / 100.0; break;
    default: break;
    }
    r.seed = static_cast<std::uint64_t>(m_seed->value());
    return r;
}

void CurationPanel::setRecipe(const curate::Recipe& recipe) {
    m_loading = true;
    QComboBox* boxes[] = {m_dataset, m_split, m_label, m_tag, m_poolSubset};
    for (int i = 0; i < 5; ++i) {
        const auto it = recipe.pool.find(kPoolKeys[i]);
        choose(boxes[i], it != recipe.pool.end() && it->is_string() ? QString::fromStdString(it->get<std::string>()) : QString());
    }
    choose(m_embedder, QString::fromStdString(recipe.embedder));
    m_filters->setSteps(recipe.filters);
    const int method = m_method->findData(QString::fromStdString(recipe.method));
    if (method >= 0) m_method->setCurrentIndex(method);
    methodChanged();  // rebuilds the parameter form even when the method did not change
    m_params->setParams(recipe.params);
    if (recipe.size) {
        m_size->setValue(static_cast<int>(std::min<std::int64_t>(*recipe.size, INT_MAX)));
        m_sizeMode->setCurrentIndex(m_sizeMode->findData(Count));
    } else if (recipe.fraction) {
        m_percent->setValue(*recipe.fraction * 100.0);
        m_sizeMode->setCurrentIndex(m_sizeMode->findData(Percent));
    } else {
        m_sizeMode->setCurrentIndex(m_sizeMode->findData(AllLeft));
    }
    m_seed->setValue(static_cast<int>(std::min<std::uint64_t>(recipe.seed, INT_MAX)));
    m_loading = false;
    sizeModeChanged();
}

void CurationPanel::methodChanged() {
    const curate::MethodInfo* method = curate::findMethod(m_method->currentData().toString().toStdString());
    m_params->setMethod(method);
    if (method) {
        QString note = method->needsEmbeddings ? tr("Uses the embedder's vectors.")
                                               : tr("Works on the catalog alone (no embeddings needed).");
        if (method->sizeOptional) note += tr(" Without a size it keeps all it finds.");
        m_methodSummary->setText(QString::fromStdString(method->summary) + QLatin1Char(' ') + note);
        // Dedup methods keep what they find; switching to or from one switches the size mode to match.
        if (!m_loading && method->sizeOptional != m_lastMethodSizeOptional)
            m_sizeMode->setCurrentIndex(m_sizeMode->findData(method->sizeOptional ? AllLeft : Count));
        m_lastMethodSizeOptional = method->sizeOptional;
    } else {
        m_methodSummary->clear();
    }
    updateSuggestedName();
    schedulePreview();
}

void CurationPanel::sizeModeChanged() {
    const int mode = m_sizeMode->currentData().toInt();
    m_size->setVisible(mode == Count);
    m_percent->setVisible(mode == Percent);
    updateSuggestedName();
    schedulePreview();
}

void CurationPanel::updateSuggestedName() {
    QString base = m_method->currentData().toString();
    switch (m_sizeMode->currentData().toInt()) {
    case Count: base += QLatin1Char('-') + QString::number(m_size->value()); break;
    case Percent: base += QLatin1Char('-') + QLocale::c().toString(m_percent->value(), 'g', 4) + QStringLiteral("pct"); break;
    default: break;
    }
    QString name = base;
    for (int n = 2; m_subsetNames.contains(name); ++n) name = base + QLatin1Char('-') + QString::number(n);
    m_name->setPlaceholderText(name);
}

QString CurationPanel::subsetName() const {
    const QString typed = m_name->text().trimmed();
    return typed.isEmpty() ? m_name->placeholderText() : typed;
}

bool CurationPanel::loadRecipeFile(const QString& path, QString* error) {
    QFile file(path);
    QString problem;
    if (!file.open(QIODevice::ReadOnly)) {
        problem = tr("Cannot read %1: %2").arg(QFileInfo(path).fileName(), file.errorString());
    } else {
        try {
            const auto json = nlohmann::json::parse(file.readAll().toStdString());
            setRecipe(curate::parseRecipe(json));
        } catch (const nlohmann::json::exception& e) {
            problem = tr("%1 is not valid JSON: %2").arg(QFileInfo(path).fileName(), QString::fromUtf8(e.what()));
        } catch (const std::exception& e) {
            problem = tr("%1: %2").arg(QFileInfo(path).fileName(), QString::fromUtf8(e.what()));
        }
    }
    if (error) *error = problem;
    if (!problem.isEmpty()) return false;
    setStatus(tr("Loaded the recipe %1.").arg(QFileInfo(path).fileName()), false);
    return true;
}

bool CurationPanel::saveRecipeFile(const QString& path, QString* error) const {
    QFile file(path);
    const std::string text = curate::recipeJson(recipe()).dump(2) + "\n";
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) ||
        file.write(text.data(), static_cast<qint64>(text.size())) != static_cast<qint64>(text.size())) {
        if (error) *error = tr("Cannot write %1: %2").arg(QFileInfo(path).fileName(), file.errorString());
        return false;
    }
    if (error) error->clear();
    return true;
}

QString CurationPanel::recipeDirectory() const {
    if (!m_recipeDirectory.isEmpty() || !m_project) return m_recipeDirectory;
    return QFileInfo(m_project->path()).absolutePath();
}

void CurationPanel::loadRecipeDialog() {
    const QString path =
        QFileDialog::getOpenFileName(this, tr("Load Recipe"), recipeDirectory(), tr("Recipes (*.json);;All files (*)"));
    if (path.isEmpty()) return;
    m_recipeDirectory = QFileInfo(path).absolutePath();
    QString error;
    if (!loadRecipeFile(path, &error)) setStatus(error, true);
}

void CurationPanel::saveRecipeDialog() {
    QString path = QFileDialog::getSaveFileName(
        this, tr("Save Recipe"), recipeDirectory() + QLatin1Char('/') + subsetName() + QStringLiteral(".json"),
        tr("Recipes (*.json)"));
    if (path.isEmpty()) return;
    if (!path.endsWith(QLatin1String(".json"))) path += QLatin1String(".json");
    m_recipeDirectory = QFileInfo(path).absolutePath();
    QString error;
    if (saveRecipeFile(path, &error))
        setStatus(tr("Saved the recipe as %1.").arg(QFileInfo(path).fileName()), false);
    else
        setStatus(error, true);
}

void CurationPanel::setStatus(const QString& text, bool error) {
    m_statusIsError = error && !text.isEmpty();
    m_status->setText(text);
    m_status->setStyleSheet(m_statusIsError ? QStringLiteral("color: #d04a3c;") : QString());
    m_status->setVisible(!text.isEmpty());
    if (!text.isEmpty()) Q_EMIT statusMessage(text);
}

QString CurationPanel::statusText() const { return m_status->text(); }

}  // namespace winnow::widgets
