// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The map's view transform: data coordinates (a 2-D layout, y up) to pixel coordinates of a viewport
// (y down). Plain C++, no Qt, so that the rasteriser, the hit tests and the widget share one definition.

namespace winnow::widgets {

/// An axis-aligned rectangle in data coordinates; empty when xMin > xMax or yMin > yMax.
struct DataRect {
    double xMin = 1.0;
    double yMin = 1.0;
    double xMax = 0.0;
    double yMax = 0.0;

    bool isEmpty() const { return !(xMin <= xMax && yMin <= yMax); }
    double width() const { return xMax - xMin; }
    double height() const { return yMax - yMin; }
    bool contains(double x, double y) const { return x >= xMin && x <= xMax && y >= yMin && y <= yMax; }
};

/// A point in data or pixel coordinates.
struct MapPoint {
    double x = 0.0;
    double y = 0.0;
};

/// pixel = ((x - centerX) * scale + width / 2, height / 2 - (y - centerY) * scale): a uniform scale, the
/// centre of the viewport on (centerX, centerY), data y pointing up. Pixel (i, j) covers the continuous
/// pixel coordinates [i, i + 1) x [j, j + 1); a point lands on the pixel floor(pixel coordinate).
/// A value type; every function is O(1).
class MapTransform {
public:
    /// The viewport in pixels (device pixels when drawing). Sizes below 1 are taken as 1.
    void setViewport(int width, int height);
    int width() const { return m_width; }
    int height() const { return m_height; }

    /// The data point shown at the viewport's centre.
    void setCenter(double x, double y);
    double centerX() const { return m_centerX; }
    double centerY() const { return m_centerY; }

    /// Pixels per data unit, clamped to [1e-12, 1e12].
    void setScale(double pixelsPerUnit);
    double scale() const { return m_scale; }

    /// Centres `bounds` and scales it to fill the viewport less `marginPx` on every side. A degenerate
    /// extent (one point, or a line) is shown as if it were 1 data unit wide; an empty rect resets to the
    /// unit square.
    void fit(const DataRect& bounds, double marginPx = 16.0);

    /// Moves the content by (dx, dy) pixels (a drag to the right moves the data to the right).
    void panPixels(double dx, double dy);

    /// Multiplies the scale by `factor` keeping the data point under pixel (px, py) where it is.
    void zoomAt(double px, double py, double factor);

    MapPoint toPixel(double x, double y) const;
    MapPoint toData(double px, double py) const;
    /// The data rectangle the viewport shows.
    DataRect visibleRect() const;

    bool operator==(const MapTransform& o) const {
        return m_width == o.m_width && m_height == o.m_height && m_centerX == o.m_centerX &&
               m_centerY == o.m_centerY && m_scale == o.m_scale;
    }
    bool operator!=(const MapTransform& o) const { return !(*this == o); }

private:
    int m_width = 1;
    int m_height = 1;
    double m_centerX = 0.0;
    double m_centerY = 0.0;
    double m_scale = 1.0;
};

}  // namespace winnow::widgets
