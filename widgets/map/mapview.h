// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QImage>
#include <QList>
#include <QPolygonF>
#include <QThreadPool>
#include <QWidget>
#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

#include "widgets/map/mapcolouring.h"
#include "widgets/map/maptransform.h"

namespace winnow::widgets {

class MapPoints;
class MapRasterizer;

/// The two point sets of a map: the layout (every sample) and an overlay drawn over it (for example
/// generated samples placed by their nearest neighbours in embedding space).
enum class MapLayer { Base = 0, Overlay = 1 };

/// What a left-button drag does.
enum class MapTool { Pan, Lasso, Box };

/// How a new lasso or box combines with the selection (Shift adds, Ctrl removes).
enum class SelectionOp { Replace, Add, Subtract };

/// What the legend shows (MapView::legend()).
struct MapLegendData {
    QString title;                          ///< the colouring's title
    MapColouring::Kind kind = MapColouring::Kind::Uniform;
    std::vector<MapLegendEntry> entries;    ///< categories with counts (or the uniform colour), then "no value"
    Colormap colormap = Colormap::Viridis;  ///< Score
    double low = 0.0, high = 0.0;           ///< Score: the range shown
    std::int64_t rows = 0;                  ///< rows of the layout
    std::int64_t placed = 0;                ///< rows drawn (finite coordinates)
    bool hasHighlight = false;
    QString highlightName;
    std::int64_t highlighted = 0;           ///< placed rows of the highlight
    std::int64_t selected = 0;
    QColor contextColour, selectionColour;
    QString overlayTitle;
    QColor overlayColour;
    std::int64_t overlayPoints = 0;         ///< 0: no overlay
};

/// The embedding map: draws up to millions of points (MapRasterizer into an image that paintEvent
/// blits; re-rasterised only when points, colours, states, size or view change), pans (drag with the
/// Pan tool or the middle button, arrow keys), zooms at the cursor (wheel, +/-), fits (0, Home, a double
/// click on empty space), selects with a lasso or a box, shows the point under the cursor with its
/// thumbnail, and reports a click on a point.
///
/// Rows: the index into the coordinate vectors given to setPoints (setOverlayPoints for the overlay);
/// every per-row input (colourings, highlight, selection) and output uses them. Layout work (sorting
/// and indexing the points, MapPoints::build) runs on a worker thread; the last frame stays on screen
/// until it is done (isReady(), pointsReady()). Colourings, highlight and selection are rearranged on
/// the GUI thread in O(points).
///
/// Thread affinity: GUI thread.
class MapView final : public QWidget {
    Q_OBJECT

public:
    using ThumbnailSource = std::function<QImage(std::int64_t row)>;
    using CaptionSource = std::function<QString(std::int64_t row)>;

    explicit MapView(QWidget* parent = nullptr);
    ~MapView() override;

    /// Replaces a layer's points (one per row; a non-finite coordinate leaves the row out). Prepared on a
    /// worker; when it is done the layer shows them, the view fits the first time points arrive, and
    /// pointsReady() is emitted. A later call supersedes an unfinished one. Replacing the base layer
    /// with a different row count clears the selection. Throws std::invalid_argument when x and y differ
    /// in length.
    void setPoints(std::vector<float> x, std::vector<float> y, MapLayer layer = MapLayer::Base);
    /// Removes a layer's points (immediately).
    void clearPoints(MapLayer layer = MapLayer::Base);
    /// True when no layout work is pending.
    bool isReady() const;
    /// The prepared points of a layer (null before the first ones are ready).
    std::shared_ptr<const MapPoints> points(MapLayer layer = MapLayer::Base) const;
    /// Rows of the layer's current points (0 without points).
    std::int64_t rowCount(MapLayer layer = MapLayer::Base) const;

    /// Colours a layer (kept across setPoints; a colouring with another row count than the points draws
    /// them in one colour until points that fit arrive).
    void setColouring(const MapColouring& colouring, MapLayer layer = MapLayer::Base);
    const MapColouring& colouring(MapLayer layer = MapLayer::Base) const;

    /// Splat side in pixels (1 to 5); 0 picks it from the number of points (the default).
    void setPointSize(int pixels, MapLayer layer = MapLayer::Base);
    int pointSize(MapLayer layer = MapLayer::Base) const;
    /// Density shading (alpha by log count where points overlap); on by default.
    void setDensityShading(bool on);
    bool densityShading() const { return m_density; }

    /// Highlights a subset of the base rows (any order): they keep their colours and the other points
    /// turn to a faint grey context. `name` is shown by the legend.
    void setHighlight(std::vector<std::int64_t> rows, const QString& name);
    void clearHighlight();
    bool hasHighlight() const { return m_hasHighlight; }
    const std::vector<std::int64_t>& highlight() const { return m_highlight; }

    /// The selected base rows, increasing.
    const std::vector<std::int64_t>& selection() const { return m_selection; }
    QList<qint64> selectionList() const;
    /// Sets the selection (any order; duplicates and rows out of range dropped); emits
    /// selectionChanged() when it changes.
    void setSelection(std::vector<std::int64_t> rows);
    void clearSelection();
    /// Selects the base points inside a polygon in widget coordinates (MapIndex::inPolygon), combined
    /// with the selection by `op`; emits selectionChanged() when it changes. Returns the selection's size.
    std::size_t selectPolygon(const QPolygonF& polygon, SelectionOp op = SelectionOp::Replace);
    /// Same with a rectangle in widget coordinates.
    std::size_t selectRect(const QRectF& rect, SelectionOp op = SelectionOp::Replace);

    /// The row of the layer's point nearest `pos` (widget coordinates) within `radius` pixels, or -1.
    std::int64_t pointAt(const QPointF& pos, double radius = 6.0, MapLayer layer = MapLayer::Base) const;

    /// The view: widget pixels to data coordinates (MapTransform in logical pixels).
    const MapTransform& transform() const { return m_transform; }
    void setTransform(const MapTransform& transform);
    QPointF toWidget(const QPointF& data) const;
    QPointF toData(const QPointF& widget) const;
    /// Fits every placed point of both layers into the view.
    void fitToPoints();
    void zoomAt(const QPointF& pos, double factor);
    void panBy(const QPointF& pixels);

    void setTool(MapTool tool);
    MapTool tool() const { return m_tool; }

    /// Where the hover card gets a row's thumbnail; it is asked when the hovered point changes and by
    /// refreshHover() (so a source that loads asynchronously returns a null image, then calls
    /// refreshHover() when the image is there). Without a source the card shows the caption only.
    void setThumbnailSource(ThumbnailSource source, MapLayer layer = MapLayer::Base);
    /// The hover card's caption (default: "Row N" and the colouring's value).
    void setCaptionSource(CaptionSource source, MapLayer layer = MapLayer::Base);
    void refreshHover();
    /// The hovered row (-1: none) and its layer.
    std::int64_t hoveredRow() const { return m_hoverRow; }
    MapLayer hoveredLayer() const { return m_hoverLayer; }

    MapLegendData legend() const;

    /// Rasterises the current points and view into `image` (resized to the widget's size in device
    /// pixels, at most 2560 x 1600 of them, ARGB32 premultiplied, its device pixel ratio set): the path
    /// paintEvent uses when its frame is stale. Synchronous, O(points + pixels) over the rasteriser's
    /// threads.
    void render(QImage& image);
    /// Frames rasterised so far (paint and render()).
    std::int64_t framesRendered() const { return m_framesRendered; }

    QSize sizeHint() const override { return {640, 480}; }
    QSize minimumSizeHint() const override { return {120, 90}; }

Q_SIGNALS:
    void selectionChanged(const QList<qint64>& rows);
    /// A click (press and release without a drag) on a point of the base layer.
    void pointActivated(qint64 row);
    void overlayPointActivated(qint64 row);
    /// The point under the cursor changed (row -1: none).
    void hoverChanged(qint64 row, bool overlay);
    void pointsReady();
    void viewChanged();
    void toolChanged(MapTool tool);
    /// The legend's content changed (colouring, highlight, selection, points).
    void legendChanged();

protected:
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void leaveEvent(QEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    struct Layer;
    enum class Drag { None, Pan, Lasso, Box };

    Layer& layerOf(MapLayer layer);
    const Layer& layerOf(MapLayer layer) const;
    void installPoints(MapLayer layer, std::shared_ptr<const MapPoints> points);
    void prepareColours(MapLayer layer);
    void rebuildStates();
    void applySelection(std::vector<std::int64_t> rows);
    void invalidate();
    void setHover(MapLayer layer, std::int64_t row, const QPointF& pos);
    void updateHover(const QPointF& pos);
    int effectivePointSize(const Layer& layer, double devicePixelRatio) const;
    /// Device pixels per logical pixel of the rasterised frame, and the frame's size.
    qreal renderScale() const;
    QSize renderSize() const;
    std::vector<MapPoint> toDataPolygon(const QPolygonF& polygon) const;
    SelectionOp opFor(Qt::KeyboardModifiers modifiers) const;
    void paintOverlays(QPainter& painter);
    void paintHoverCard(QPainter& painter);
    QString defaultCaption(MapLayer layer, std::int64_t row) const;

    std::unique_ptr<MapRasterizer> m_rasterizer;
    std::array<std::unique_ptr<Layer>, 2> m_layers;
    QThreadPool m_pool;

    bool m_density = true;
    bool m_hasHighlight = false;
    std::vector<std::int64_t> m_highlight;
    QString m_highlightName;
    std::int64_t m_highlightPlaced = 0;
    std::vector<std::int64_t> m_selection;

    MapTransform m_transform;
    bool m_fitted = false;
    QImage m_frame;
    bool m_frameValid = false;
    std::int64_t m_framesRendered = 0;

    MapTool m_tool = MapTool::Pan;
    Drag m_drag = Drag::None;
    QPointF m_pressPos, m_lastPos;
    Qt::KeyboardModifiers m_pressModifiers;
    bool m_moved = false;
    QPolygonF m_lasso;

    MapLayer m_hoverLayer = MapLayer::Base;
    std::int64_t m_hoverRow = -1;
    QPointF m_hoverPos;
    QImage m_hoverImage;
    bool m_hoverImageAsked = false;
};

}  // namespace winnow::widgets
