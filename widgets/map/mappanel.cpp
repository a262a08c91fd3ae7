// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/map/mappanel.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QComboBox>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QToolButton>
#include <QVBoxLayout>

#include "widgets/common/strings.h"
#include "widgets/map/mapicons.h"
#include "widgets/map/maplegend.h"
#include "widgets/style/icons.h"

namespace winnow::widgets {

namespace {
QToolButton* toolButton(const QIcon& icon, const QString& tip, bool checkable) {
    auto* b = new QToolButton;
    b->setIcon(icon);
    b->setToolTip(tip);
    b->setCheckable(checkable);
    b->setAutoRaise(true);
    b->setIconSize(QSize(20, 20));
    return b;
}

QFrame* separator() {
    auto* line = new QFrame;
    line->setFrameShape(QFrame::VLine);
    line->setFrameShadow(QFrame::Sunken);
    return line;
}
}  // namespace

MapPanel::MapPanel(QWidget* parent)
    : QWidget(parent),
      m_view(new MapView),
      m_legend(new MapLegend),
      m_legendScroll(new QScrollArea),
      m_colourBy(new QComboBox),
      m_tools(new QButtonGroup(this)),
      m_fit(toolButton(mapIcon(MapIconId::Fit), tr("Fit all points (0)"), false)),
      m_density(new QCheckBox(tr("Density"))),
      m_selected(new QLabel),
      m_clear(toolButton(icon(IconId::Clear), tr("Clear the selection (Esc)"), false)),
      m_show(toolButton(icon(IconId::Browser), tr("Show the selected samples in the Browser tab"), false)),
      m_saveTag(new QPushButton(icon(IconId::TagAdd), tr("Save as Tag…"))),
      m_saveSubset(new QPushButton(tr("Save as Subset…"))) {
    m_colourBy->setToolTip(tr("What the points are coloured by"));
    m_colourBy->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_colourBy->setMinimumContentsLength(10);

    auto* pan = toolButton(mapIcon(MapIconId::Pan), tr("Pan: drag to move, wheel to zoom"), true);
    auto* lasso = toolButton(mapIcon(MapIconId::Lasso), tr("Lasso: draw around points to select them (Shift adds, Ctrl removes)"), true);
    auto* box = toolButton(mapIcon(MapIconId::Box), tr("Box: drag a rectangle to select (Shift adds, Ctrl removes)"), true);
    m_tools->setExclusive(true);
    m_tools->addButton(pan, static_cast<int>(MapTool::Pan));
    m_tools->addButton(lasso, static_cast<int>(MapTool::Lasso));
    m_tools->addButton(box, static_cast<int>(MapTool::Box));
    m_tools->button(static_cast<int>(m_view->tool()))->setChecked(true);
    connect(m_tools, &QButtonGroup::idClicked, this, [this](int id) { m_view->setTool(static_cast<MapTool>(id)); });
    connect(m_view, &MapView::toolChanged, this, [this](MapTool tool) {
        if (QAbstractButton* b = m_tools->button(static_cast<int>(tool))) b->setChecked(true);
    });
    connect(m_fit, &QToolButton::clicked, m_view, &MapView::fitToPoints);

    m_density->setChecked(m_view->densityShading());
    m_density->setToolTip(tr("Shade overlapping points by how many there are (log scale)"));
    connect(m_density, &QCheckBox::toggled, m_view, &MapView::setDensityShading);

    m_selected->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_selected->setMinimumWidth(m_selected->fontMetrics().horizontalAdvance(tr("%1 selected").arg(countText(10000000))));
    m_saveTag->setToolTip(tr("Tag the selected samples"));
    m_saveSubset->setToolTip(tr("Keep the selected samples as a named subset"));
    connect(m_clear, &QToolButton::clicked, m_view, &MapView::clearSelection);
    connect(m_show, &QToolButton::clicked, this, [this] { Q_EMIT showSelectionRequested(m_view->selectionList()); });
    connect(m_saveTag, &QPushButton::clicked, this, [this] { Q_EMIT saveSelectionAsTagRequested(m_view->selectionList()); });
    connect(m_saveSubset, &QPushButton::clicked, this,
            [this] { Q_EMIT saveSelectionAsSubsetRequested(m_view->selectionList()); });

    connect(m_colourBy, qOverload<int>(&QComboBox::activated), this, &MapPanel::setCurrentColouring);
    connect(m_view, &MapView::legendChanged, this, [this] { m_legend->setData(m_view->legend()); });
    connect(m_view, &MapView::selectionChanged, this, &MapPanel::updateSelectionBar);

    m_legendScroll->setWidget(m_legend);
    m_legendScroll->setWidgetResizable(true);
    m_legendScroll->setFrameShape(QFrame::NoFrame);
    m_legendScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_legendScroll->setFixedWidth(210);
    m_legendScroll->setBackgroundRole(QPalette::Window);

    auto* bar = new QHBoxLayout;
    bar->setSpacing(4);
    bar->addWidget(new QLabel(tr("Colour by")));
    bar->addWidget(m_colourBy);
    bar->addSpacing(6);
    bar->addWidget(separator());
    bar->addWidget(pan);
    bar->addWidget(lasso);
    bar->addWidget(box);
    bar->addWidget(m_fit);
    bar->addWidget(separator());
    bar->addSpacing(4);
    bar->addWidget(m_density);
    bar->addStretch(1);
    bar->addWidget(m_selected);
    bar->addWidget(m_clear);
    bar->addWidget(m_show);
    bar->addWidget(m_saveTag);
    bar->addWidget(m_saveSubset);

    auto* frame = new QFrame;
    frame->setFrameShape(QFrame::StyledPanel);
    auto* frameLayout = new QHBoxLayout(frame);
    frameLayout->setContentsMargins(1, 1, 1, 1);
    frameLayout->addWidget(m_view);

    auto* body = new QHBoxLayout;
    body->setSpacing(6);
    body->addWidget(frame, 1);
    body->addWidget(m_legendScroll);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->setSpacing(6);
    layout->addLayout(bar);
    layout->addLayout(body, 1);

    m_legend->setData(m_view->legend());
    updateSelectionBar();
}

int MapPanel::addColouring(const MapColouring& colouring) {
    m_colourings.push_back(colouring);
    m_colourBy->addItem(colouring.title);
    const int index = static_cast<int>(m_colourings.size()) - 1;
    if (index == 0) setCurrentColouring(0);
    return index;
}

void MapPanel::replaceColouring(int index, const MapColouring& colouring) {
    if (index < 0 || index >= colouringCount()) return;
    m_colourings[index] = colouring;
    m_colourBy->setItemText(index, colouring.title);
    if (index == currentColouring()) m_view->setColouring(colouring);
}

void MapPanel::clearColourings() {
    m_colourings.clear();
    m_colourBy->clear();
    m_view->setColouring(MapColouring());
}

void MapPanel::setCurrentColouring(int index) {
    if (index < 0 || index >= colouringCount()) return;
    m_colourBy->setCurrentIndex(index);
    m_view->setColouring(m_colourings[index]);
}

int MapPanel::currentColouring() const { return m_colourBy->currentIndex(); }

void MapPanel::updateSelectionBar() {
    const auto n = static_cast<std::int64_t>(m_view->selection().size());
    m_selected->setText(n == 0 ? tr("No selection") : counted(n, tr("1 selected"), tr("%1 selected")));
    m_clear->setEnabled(n > 0);
    m_show->setEnabled(n > 0);
    m_saveTag->setEnabled(n > 0);
    m_saveSubset->setEnabled(n > 0);
}

}  // namespace winnow::widgets
