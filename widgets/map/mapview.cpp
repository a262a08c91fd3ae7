// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/map/mapview.h"

#include <QEvent>
#include <QFutureWatcher>
#include <QPainter>
#include <QtConcurrent/QtConcurrentRun>
#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "widgets/map/mappoints.h"
#include "widgets/map/maprasterizer.h"
#include "widgets/map/mapviewlayer.h"

namespace winnow::widgets {

namespace {

/// The context grey: this far from the background towards the text colour (then drawn at most at
/// RasterStyle::contextMaxAlpha), so it is quiet in both themes.
constexpr double kContextMix = 0.45;

QColor mix(const QColor& a, const QColor& b, double t) {
    return QColor::fromRgbF(static_cast<float>(a.redF() + (b.redF() - a.redF()) * t),
                            static_cast<float>(a.greenF() + (b.greenF() - a.greenF()) * t),
                            static_cast<float>(a.blueF() + (b.blueF() - a.blueF()) * t));
}

/// The most pixels a frame is rasterised at (2560 x 1600); larger HiDPI views are scaled up when blitted.
constexpr double kMaxRenderPixels = 2560.0 * 1600.0;

/// Splat side for a number of points when the user has not chosen one.
int autoPointSize(std::size_t points) {
    if (points <= 5000) return 5;
    if (points <= 50000) return 4;
    if (points <= 400000) return 3;
    if (points <= 4000000) return 2;
    return 1;
}

std::vector<std::int64_t> sortedUnique(std::vector<std::int64_t> rows, std::int64_t rowCount) {
    rows.erase(std::remove_if(rows.begin(), rows.end(), [&](std::int64_t r) { return r < 0 || r >= rowCount; }),
               rows.end());
    if (!std::is_sorted(rows.begin(), rows.end())) std::sort(rows.begin(), rows.end());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    return rows;
}

}  // namespace

MapView::MapView(QWidget* parent) : QWidget(parent), m_rasterizer(std::make_unique<MapRasterizer>()) {
    m_layers[0] = std::make_unique<Layer>();
    m_layers[1] = std::make_unique<Layer>();
    m_pool.setMaxThreadCount(1);
    setMouseTracking(true);
    setFocusPolicy(Qt::StrongFocus);
    setAttribute(Qt::WA_OpaquePaintEvent);
    setCursor(Qt::OpenHandCursor);
    setToolTip(QString());
    m_transform.setViewport(width(), height());
}

MapView::~MapView() {
    m_pool.clear();
    m_pool.waitForDone();
}

MapView::Layer& MapView::layerOf(MapLayer layer) { return *m_layers[static_cast<int>(layer)]; }
const MapView::Layer& MapView::layerOf(MapLayer layer) const { return *m_layers[static_cast<int>(layer)]; }

void MapView::setPoints(std::vector<float> x, std::vector<float> y, MapLayer layer) {
    if (x.size() != y.size()) throw std::invalid_argument("map view: x and y differ in length");
    Layer& l = layerOf(layer);
    const std::uint64_t generation = ++l.generation;
    using Result = std::shared_ptr<const MapPoints>;
    auto* watcher = new QFutureWatcher<Result>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, layer, generation] {
        watcher->deleteLater();
        if (generation != layerOf(layer).generation) return;  // superseded
        Result points = watcher->result();
        layerOf(layer).installed = generation;
        installPoints(layer, std::move(points));
    });
    watcher->setFuture(QtConcurrent::run(&m_pool, [x = std::move(x), y = std::move(y)]() -> Result {
        return MapPoints::build(x, y);
    }));
}

void MapView::clearPoints(MapLayer layer) {
    Layer& l = layerOf(layer);
    l.installed = ++l.generation;
    installPoints(layer, nullptr);
}

bool MapView::isReady() const {
    return m_layers[0]->installed == m_layers[0]->generation && m_layers[1]->installed == m_layers[1]->generation;
}

std::shared_ptr<const MapPoints> MapView::points(MapLayer layer) const { return layerOf(layer).points; }

std::int64_t MapView::rowCount(MapLayer layer) const {
    const Layer& l = layerOf(layer);
    return l.points ? static_cast<std::int64_t>(l.points->rowCount()) : 0;
}

void MapView::installPoints(MapLayer layer, std::shared_ptr<const MapPoints> points) {
    Layer& l = layerOf(layer);
    const std::int64_t before = rowCount(layer);
    l.points = std::move(points);
    prepareColours(layer);
    if (layer == MapLayer::Base) {
        if (rowCount(layer) != before && !m_selection.empty()) {
            m_selection.clear();
            Q_EMIT selectionChanged({});
        }
        rebuildStates();
    }
    if (m_hoverLayer == layer) setHover(layer, -1, m_hoverPos);
    if (!m_fitted && l.points && l.points->size() > 0) {
        fitToPoints();
        m_fitted = true;
    }
    invalidate();
    Q_EMIT legendChanged();
    Q_EMIT pointsReady();
}

void MapView::setColouring(const MapColouring& colouring, MapLayer layer) {
    layerOf(layer).colouring = colouring;
    prepareColours(layer);
    invalidate();
    Q_EMIT legendChanged();
}

const MapColouring& MapView::colouring(MapLayer layer) const { return layerOf(layer).colouring; }

void MapView::prepareColours(MapLayer layer) {
    Layer& l = layerOf(layer);
    if (!l.points) {
        l.prepared = PreparedColouring();
        return;
    }
    const QColor fallback = layer == MapLayer::Overlay ? QColor(0xe0, 0x3a, 0x3e) : QColor::fromRgb(categoryColour(0));
    l.prepared = prepareColouring(l.colouring, *l.points, fallback);
}

void MapView::setPointSize(int pixels, MapLayer layer) {
    layerOf(layer).pointSize = std::clamp(pixels, 0, 5);
    invalidate();
}

int MapView::pointSize(MapLayer layer) const {
    return effectivePointSize(layerOf(layer), 1.0);
}

int MapView::effectivePointSize(const Layer& layer, double devicePixelRatio) const {
    const int size = layer.pointSize > 0 ? layer.pointSize : autoPointSize(layer.points ? layer.points->size() : 0);
    return std::clamp(static_cast<int>(size * devicePixelRatio + 0.5), 1, 5);
}

void MapView::setDensityShading(bool on) {
    m_density = on;
    invalidate();
}

void MapView::setHighlight(std::vector<std::int64_t> rows, const QString& name) {
    m_highlight = sortedUnique(std::move(rows), std::numeric_limits<std::int64_t>::max());
    m_highlightName = name;
    m_hasHighlight = true;
    rebuildStates();
    invalidate();
    Q_EMIT legendChanged();
}

void MapView::clearHighlight() {
    if (!m_hasHighlight) return;
    m_hasHighlight = false;
    m_highlight.clear();
    m_highlightName.clear();
    rebuildStates();
    invalidate();
    Q_EMIT legendChanged();
}

void MapView::rebuildStates() {
    Layer& l = *m_layers[0];
    m_highlightPlaced = 0;
    if (!l.points || (!m_hasHighlight && m_selection.empty())) {
        l.states.clear();
        return;
    }
    l.states.assign(l.points->size(), m_hasHighlight ? 0 : kEmphasised);
    for (std::int64_t row : m_highlight) {
        const std::uint32_t order = l.points->orderOf(row);
        if (order == MapPoints::kNotPlaced) continue;
        l.states[order] |= kEmphasised;
        ++m_highlightPlaced;
    }
    for (std::int64_t row : m_selection) {
        const std::uint32_t order = l.points->orderOf(row);
        if (order != MapPoints::kNotPlaced) l.states[order] |= kSelected;
    }
}

QList<qint64> MapView::selectionList() const { return QList<qint64>(m_selection.begin(), m_selection.end()); }

void MapView::applySelection(std::vector<std::int64_t> rows) {
    if (rows == m_selection) return;
    m_selection = std::move(rows);
    rebuildStates();
    invalidate();
    Q_EMIT selectionChanged(selectionList());
    Q_EMIT legendChanged();
}

void MapView::setSelection(std::vector<std::int64_t> rows) { applySelection(sortedUnique(std::move(rows), rowCount())); }

void MapView::clearSelection() { applySelection({}); }

SelectionOp MapView::opFor(Qt::KeyboardModifiers modifiers) const {
    if (modifiers & Qt::ControlModifier) return SelectionOp::Subtract;
    if (modifiers & Qt::ShiftModifier) return SelectionOp::Add;
    return SelectionOp::Replace;
}

namespace {
std::vector<std::int64_t> combine(const std::vector<std::int64_t>& current, std::vector<std::int64_t> found,
                                  SelectionOp op) {
    std::vector<std::int64_t> out;
    switch (op) {
    case SelectionOp::Add:
        out.reserve(current.size() + found.size());
        std::set_union(current.begin(), current.end(), found.begin(), found.end(), std::back_inserter(out));
        return out;
    case SelectionOp::Subtract:
        std::set_difference(current.begin(), current.end(), found.begin(), found.end(), std::back_inserter(out));
        return out;
    default:
        return found;
    }
}
}  // namespace

std::vector<MapPoint> MapView::toDataPolygon(const QPolygonF& polygon) const {
    std::vector<MapPoint> out;
    out.reserve(polygon.size());
    for (const QPointF& p : polygon) out.push_back(m_transform.toData(p.x(), p.y()));
    return out;
}

std::size_t MapView::selectPolygon(const QPolygonF& polygon, SelectionOp op) {
    const Layer& l = *m_layers[0];
    std::vector<std::int64_t> found;
    if (l.points) found = l.points->index().inPolygon(toDataPolygon(polygon));
    applySelection(combine(m_selection, std::move(found), op));
    return m_selection.size();
}

std::size_t MapView::selectRect(const QRectF& rect, SelectionOp op) {
    const Layer& l = *m_layers[0];
    std::vector<std::int64_t> found;
    if (l.points) {
        const QRectF r = rect.normalized();
        const MapPoint a = m_transform.toData(r.left(), r.bottom()), b = m_transform.toData(r.right(), r.top());
        found = l.points->index().inRect({a.x, a.y, b.x, b.y});
    }
    applySelection(combine(m_selection, std::move(found), op));
    return m_selection.size();
}

std::int64_t MapView::pointAt(const QPointF& pos, double radius, MapLayer layer) const {
    const Layer& l = layerOf(layer);
    if (!l.points) return -1;
    const MapPoint p = m_transform.toData(pos.x(), pos.y());
    return l.points->index().nearest(p.x, p.y, radius / m_transform.scale());
}

void MapView::setTransform(const MapTransform& transform) {
    MapTransform t = transform;
    t.setViewport(width(), height());
    if (t == m_transform) return;
    m_transform = t;
    m_fitted = true;
    invalidate();
    Q_EMIT viewChanged();
}

QPointF MapView::toWidget(const QPointF& data) const {
    const MapPoint p = m_transform.toPixel(data.x(), data.y());
    return {p.x, p.y};
}

QPointF MapView::toData(const QPointF& widget) const {
    const MapPoint p = m_transform.toData(widget.x(), widget.y());
    return {p.x, p.y};
}

void MapView::fitToPoints() {
    DataRect all;
    for (const auto& l : m_layers) {
        if (!l->points || l->points->size() == 0) continue;
        const DataRect& b = l->points->bounds();
        if (all.isEmpty()) {
            all = b;
        } else {
            all = {std::min(all.xMin, b.xMin), std::min(all.yMin, b.yMin), std::max(all.xMax, b.xMax),
                   std::max(all.yMax, b.yMax)};
        }
    }
    m_transform.setViewport(width(), height());
    m_transform.fit(all, 16.0);
    invalidate();
    Q_EMIT viewChanged();
}

void MapView::zoomAt(const QPointF& pos, double factor) {
    m_transform.zoomAt(pos.x(), pos.y(), factor);
    m_fitted = true;
    invalidate();
    Q_EMIT viewChanged();
}

void MapView::panBy(const QPointF& pixels) {
    m_transform.panPixels(pixels.x(), pixels.y());
    m_fitted = true;
    invalidate();
    Q_EMIT viewChanged();
}

void MapView::setTool(MapTool tool) {
    if (tool == m_tool) return;
    m_tool = tool;
    m_drag = Drag::None;
    m_lasso.clear();
    setCursor(tool == MapTool::Pan ? Qt::OpenHandCursor : Qt::CrossCursor);
    update();
    Q_EMIT toolChanged(tool);
}

void MapView::setThumbnailSource(ThumbnailSource source, MapLayer layer) {
    layerOf(layer).thumbnail = std::move(source);
    refreshHover();
}

void MapView::setCaptionSource(CaptionSource source, MapLayer layer) {
    layerOf(layer).caption = std::move(source);
    update();
}

void MapView::refreshHover() {
    m_hoverImage = QImage();
    m_hoverImageAsked = false;
    update();
}

MapLegendData MapView::legend() const {
    MapLegendData d;
    const Layer& base = *m_layers[0];
    d.title = base.colouring.title;
    d.kind = base.prepared.mode == PointColouring::Category ? MapColouring::Kind::Category
             : base.prepared.mode == PointColouring::Score  ? MapColouring::Kind::Score
                                                            : MapColouring::Kind::Uniform;
    d.entries = base.prepared.entries;
    d.colormap = base.prepared.colormap;
    d.low = base.prepared.low;
    d.high = base.prepared.high;
    d.rows = rowCount();
    d.placed = base.points ? static_cast<std::int64_t>(base.points->size()) : 0;
    d.hasHighlight = m_hasHighlight;
    d.highlightName = m_highlightName;
    d.highlighted = m_highlightPlaced;
    d.selected = static_cast<std::int64_t>(m_selection.size());
    const QPalette& p = palette();
    d.contextColour = mix(p.color(QPalette::Base), p.color(QPalette::Text), kContextMix);
    d.selectionColour = p.color(QPalette::Text);
    const Layer& overlay = *m_layers[1];
    if (overlay.points && overlay.points->size() > 0) {
        d.overlayTitle = overlay.colouring.title.isEmpty() ? tr("Overlay") : overlay.colouring.title;
        d.overlayColour = overlay.prepared.colourAt(0);
        d.overlayPoints = static_cast<std::int64_t>(overlay.points->size());
    }
    return d;
}

void MapView::invalidate() {
    m_frameValid = false;
    update();
}

qreal MapView::renderScale() const {
    // Device pixels, but at most kMaxRenderPixels of them (the accumulators take 16 to 36 bytes a pixel).
    const double logical = std::max(1.0, static_cast<double>(width()) * height());
    return std::min<qreal>(devicePixelRatioF(), std::max(1.0, std::sqrt(kMaxRenderPixels / logical)));
}

QSize MapView::renderSize() const {
    const qreal scale = renderScale();
    return {std::max(1, qRound(width() * scale)), std::max(1, qRound(height() * scale))};
}

void MapView::render(QImage& image) {
    const qreal dpr = renderScale();
    const QSize size = renderSize();
    if (image.size() != size || image.format() != QImage::Format_ARGB32_Premultiplied)
        image = QImage(size, QImage::Format_ARGB32_Premultiplied);
    image.setDevicePixelRatio(dpr);

    MapTransform device;
    device.setViewport(size.width(), size.height());
    device.setCenter(m_transform.centerX(), m_transform.centerY());
    device.setScale(m_transform.scale() * dpr);

    const QPalette& p = palette();
    RasterStyle style;
    style.background = p.color(QPalette::Base).rgb();
    style.contextColour = mix(p.color(QPalette::Base), p.color(QPalette::Text), kContextMix).rgb();
    style.selectionColour = p.color(QPalette::Text).rgb();

    RasterLayer layers[2];
    for (int i = 0; i < 2; ++i) {
        const Layer& l = *m_layers[i];
        layers[i].points = l.points.get();
        l.prepared.apply(layers[i]);
        layers[i].states = l.states.empty() ? nullptr : l.states.data();
        layers[i].pointSize = effectivePointSize(l, dpr);
        layers[i].density = m_density;
    }
    m_rasterizer->render(layers, 2, device, style, reinterpret_cast<std::uint32_t*>(image.bits()),
                         image.bytesPerLine() / 4);
    ++m_framesRendered;
}

void MapView::resizeEvent(QResizeEvent* event) {
    QWidget::resizeEvent(event);
    m_transform.setViewport(width(), height());
    if (!m_fitted) fitToPoints();
    invalidate();
}

void MapView::changeEvent(QEvent* event) {
    if (event->type() == QEvent::PaletteChange) {
        invalidate();
        Q_EMIT legendChanged();
    }
    QWidget::changeEvent(event);
}

}  // namespace winnow::widgets
