// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The embedding map (widgets/map): view transform, rasteriser (against numpy references written by
// tests/data/mapview/make_reference.py), spatial index (against brute force), the view's signals and
// interaction, the panel, and screenshots of the panel in both themes.
#include <gtest/gtest.h>

#include <QAbstractButton>
#include <QApplication>
#include <QFileInfo>
#include <QMouseEvent>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QWheelEvent>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <random>
#include <set>
#include <sstream>

#include "testutil.h"
#include "widgets/map/colormap.h"
#include "widgets/map/mapindex.h"
#include "widgets/map/maplegend.h"
#include "widgets/map/mappanel.h"
#include "widgets/map/mappoints.h"
#include "widgets/map/maprasterizer.h"
#include "widgets/map/maptransform.h"
#include "widgets/map/mapview.h"
#include "widgets/style/theme.h"

using namespace winnow::widgets;
using namespace winnow::widgets::test;

namespace {

std::filesystem::path fixture(const std::string& name) {
    return std::filesystem::path(__FILE__).parent_path().parent_path() / "data" / "mapview" / name;
}

/// Gaussian blobs: `clusters` centres on a ring, sizes varying; deterministic.
struct Blobs {
    std::vector<float> x, y;
    std::vector<std::int32_t> cluster;
};
Blobs makeBlobs(std::size_t n, int clusters, std::uint32_t seed) {
    std::mt19937 rng(seed);
    std::normal_distribution<float> normal(0.0f, 1.0f);
    std::uniform_int_distribution<int> pick(0, clusters - 1);
    Blobs b;
    b.x.resize(n);
    b.y.resize(n);
    b.cluster.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
        const int c = pick(rng);
        const float angle = 6.2831853f * c / clusters;
        const float radius = 6.0f + 2.5f * static_cast<float>(c % 3);
        const float spread = 0.6f + 0.35f * static_cast<float>(c % 4);
        b.x[i] = radius * std::cos(angle) + spread * normal(rng);
        b.y[i] = radius * std::sin(angle) * 0.8f + spread * normal(rng);
        b.cluster[i] = c;
    }
    return b;
}

/// The crossing-number test, written again here so that the index is checked against independent code.
bool insideBruteForce(const std::vector<MapPoint>& poly, double x, double y) {
    bool in = false;
    for (std::size_t i = 0; i < poly.size(); ++i) {
        const MapPoint& a = poly[i];
        const MapPoint& b = poly[(i + poly.size() - 1) % poly.size()];
        if ((a.y > y) == (b.y > y)) continue;
        if (x < a.x + (y - a.y) * (b.x - a.x) / (b.y - a.y)) in = !in;
    }
    return in;
}

/// A wobbly closed lasso of `vertices` points around (cx, cy), like a hand-drawn one.
std::vector<MapPoint> wobblyLasso(double cx, double cy, double radius, int vertices, std::uint32_t seed) {
    std::mt19937 rng(seed);
    std::uniform_real_distribution<double> wobble(0.6, 1.3);
    std::vector<MapPoint> poly;
    for (int i = 0; i < vertices; ++i) {
        const double a = 6.283185307179586 * i / vertices;
        const double r = radius * wobble(rng);
        poly.push_back({cx + r * std::cos(a), cy + r * std::sin(a)});
    }
    return poly;
}

/// A smooth hand-drawn-looking lasso in widget coordinates.
QPolygonF smoothLasso(QPointF centre, double rx, double ry, int vertices) {
    QPolygonF poly;
    for (int i = 0; i < vertices; ++i) {
        const double a = 6.283185307179586 * i / vertices;
        const double r = 1.0 + 0.10 * std::sin(3.0 * a) + 0.05 * std::cos(5.0 * a + 1.0);
        poly << centre + QPointF(rx * r * std::cos(a), ry * r * std::sin(a));
    }
    return poly;
}

void sendMouse(QWidget* w, QEvent::Type type, QPointF pos, Qt::MouseButton button, Qt::MouseButtons buttons,
               Qt::KeyboardModifiers modifiers = Qt::NoModifier) {
    QMouseEvent event(type, pos, w->mapToGlobal(pos), button, buttons, modifiers);
    QApplication::sendEvent(w, &event);
}

/// A MapView with points ready.
void setPointsAndWait(MapView& view, std::vector<float> x, std::vector<float> y, MapLayer layer = MapLayer::Base) {
    QSignalSpy ready(&view, &MapView::pointsReady);
    view.setPoints(std::move(x), std::move(y), layer);
    ASSERT_TRUE(waitFor([&] { return view.isReady(); }, 20000));
    ASSERT_GE(ready.count(), 1);
}

std::uint32_t pixel(const QImage& image, int x, int y) { return reinterpret_cast<const std::uint32_t*>(image.constScanLine(y))[x]; }

}  // namespace

// --- view transform -------------------------------------------------------------------------------

TEST(MapTransform, RoundTripsAndKeepsTheZoomAnchor) {
    MapTransform t;
    t.setViewport(800, 600);
    t.setCenter(3.0, -2.0);
    t.setScale(40.0);
    const MapPoint p = t.toPixel(3.0, -2.0);
    EXPECT_DOUBLE_EQ(p.x, 400.0);
    EXPECT_DOUBLE_EQ(p.y, 300.0);
    const MapPoint up = t.toPixel(3.0, -1.0);  // data y up = pixel y down
    EXPECT_DOUBLE_EQ(up.y, 260.0);
    std::mt19937 rng(7);
    std::uniform_real_distribution<double> u(-50.0, 50.0);
    for (int i = 0; i < 100; ++i) {
        const double x = u(rng), y = u(rng);
        const MapPoint px = t.toPixel(x, y);
        const MapPoint back = t.toData(px.x, px.y);
        EXPECT_NEAR(back.x, x, 1e-9);
        EXPECT_NEAR(back.y, y, 1e-9);
    }
    const MapPoint anchor = t.toData(123.0, 456.0);
    t.zoomAt(123.0, 456.0, 3.7);
    EXPECT_DOUBLE_EQ(t.scale(), 40.0 * 3.7);
    const MapPoint still = t.toPixel(anchor.x, anchor.y);
    EXPECT_NEAR(still.x, 123.0, 1e-9);
    EXPECT_NEAR(still.y, 456.0, 1e-9);
    const MapPoint before = t.toPixel(0.0, 0.0);
    t.panPixels(15.0, -8.0);
    const MapPoint after = t.toPixel(0.0, 0.0);
    EXPECT_NEAR(after.x - before.x, 15.0, 1e-9);
    EXPECT_NEAR(after.y - before.y, -8.0, 1e-9);
}

TEST(MapTransform, FitShowsTheBoundsWithTheMargin) {
    MapTransform t;
    t.setViewport(400, 300);
    t.fit({-10.0, 0.0, 30.0, 10.0}, 20.0);
    const DataRect v = t.visibleRect();
    EXPECT_LE(v.xMin, -10.0);
    EXPECT_GE(v.xMax, 30.0);
    EXPECT_LE(v.yMin, 0.0);
    EXPECT_GE(v.yMax, 10.0);
    const MapPoint left = t.toPixel(-10.0, 5.0), right = t.toPixel(30.0, 5.0);
    EXPECT_NEAR(left.x, 20.0, 1e-9);  // width limits: 360 px for 40 units
    EXPECT_NEAR(right.x, 380.0, 1e-9);
    t.fit({5.0, 5.0, 5.0, 5.0}, 20.0);  // one point: centred, finite scale
    EXPECT_NEAR(t.toPixel(5.0, 5.0).x, 200.0, 1e-9);
    EXPECT_TRUE(std::isfinite(t.scale()));
}

// --- colours ----------------------------------------------------------------------------------------

TEST(MapColours, ColormapsMatchMatplotlib) {
    std::ifstream in(fixture("colormaps.txt"));
    ASSERT_TRUE(in.good()) << fixture("colormaps.txt");
    std::string line;
    int i = 0;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') continue;
        std::istringstream row(line);
        int v[6];
        for (int& c : v) row >> c;
        const std::uint32_t viridis = colormapTable(Colormap::Viridis)[i], magma = colormapTable(Colormap::Magma)[i];
        EXPECT_EQ(viridis, 0xff000000u | static_cast<std::uint32_t>(v[0] << 16 | v[1] << 8 | v[2])) << i;
        EXPECT_EQ(magma, 0xff000000u | static_cast<std::uint32_t>(v[3] << 16 | v[4] << 8 | v[5])) << i;
        ++i;
    }
    EXPECT_EQ(i, 256);
}

TEST(MapColours, CategoryColoursAreDistinctAndOpaque) {
    std::set<std::uint32_t> seen;
    for (int k = 0; k < 60; ++k) {
        const std::uint32_t c = categoryColour(k);
        EXPECT_EQ(c >> 24, 0xffu);
        EXPECT_NE(c, kNoValueColour);
        seen.insert(c);
    }
    EXPECT_EQ(seen.size(), 60u);
    EXPECT_EQ(categoryColour(-1), kNoValueColour);
}

// --- points and index -------------------------------------------------------------------------------

TEST(MapPoints, SortsByYAndLeavesOutNonFiniteRows) {
    const float nan = std::numeric_limits<float>::quiet_NaN();
    const std::vector<float> x = {0.0f, 1.0f, nan, 3.0f, 4.0f, std::numeric_limits<float>::infinity()};
    const std::vector<float> y = {5.0f, -1.0f, 2.0f, 5.0f, 0.5f, 1.0f};
    const auto points = MapPoints::build(x, y);
    EXPECT_EQ(points->rowCount(), 6u);
    ASSERT_EQ(points->size(), 4u);
    const std::vector<std::uint32_t> rows(points->rows(), points->rows() + 4);
    EXPECT_EQ(rows, (std::vector<std::uint32_t>{1, 4, 0, 3}));  // by y, ties by row
    for (std::size_t i = 1; i < 4; ++i) EXPECT_LE(points->ys()[i - 1], points->ys()[i]);
    EXPECT_EQ(points->orderOf(2), MapPoints::kNotPlaced);
    EXPECT_EQ(points->orderOf(5), MapPoints::kNotPlaced);
    EXPECT_EQ(points->orderOf(99), MapPoints::kNotPlaced);
    EXPECT_EQ(points->orderOf(3), 3u);
    EXPECT_DOUBLE_EQ(points->bounds().xMin, 0.0);
    EXPECT_DOUBLE_EQ(points->bounds().xMax, 4.0);
    EXPECT_DOUBLE_EQ(points->bounds().yMin, -1.0);
    EXPECT_DOUBLE_EQ(points->bounds().yMax, 5.0);
    EXPECT_THROW(MapPoints::build({1.0f}, {}), std::invalid_argument);
}

TEST(MapIndex, LassoAndBoxMatchBruteForce) {
    const Blobs b = makeBlobs(60000, 9, 11);
    std::vector<float> x = b.x, y = b.y;
    x[17] = std::numeric_limits<float>::quiet_NaN();  // not placed: never selected
    const auto points = MapPoints::build(x, y);
    const MapIndex& index = points->index();
    std::mt19937 rng(3);
    std::uniform_real_distribution<double> centre(-9.0, 9.0), radius(0.5, 7.0);
    for (int trial = 0; trial < 12; ++trial) {
        std::vector<MapPoint> poly = wobblyLasso(centre(rng), centre(rng), radius(rng), 20 + 10 * trial, 100 + trial);
        if (trial == 11) {  // a self-intersecting bow tie: the even-odd rule
            poly = {{-6, -6}, {6, 6}, {6, -6}, {-6, 6}};
        }
        const std::vector<std::int64_t> got = index.inPolygon(poly);
        std::vector<std::int64_t> want;
        for (std::size_t r = 0; r < x.size(); ++r)
            if (std::isfinite(x[r]) && insideBruteForce(poly, x[r], y[r])) want.push_back(static_cast<std::int64_t>(r));
        EXPECT_EQ(got, want) << "trial " << trial;
        EXPECT_TRUE(std::is_sorted(got.begin(), got.end()));
    }
    for (int trial = 0; trial < 8; ++trial) {
        const double x0 = centre(rng), y0 = centre(rng), w = radius(rng), h = radius(rng);
        const DataRect rect{x0, y0, x0 + w, y0 + h};
        std::vector<std::int64_t> want;
        for (std::size_t r = 0; r < x.size(); ++r)
            if (std::isfinite(x[r]) && x[r] >= rect.xMin && x[r] <= rect.xMax && y[r] >= rect.yMin && y[r] <= rect.yMax)
                want.push_back(static_cast<std::int64_t>(r));
        EXPECT_EQ(index.inRect(rect), want) << "box " << trial;
    }
    EXPECT_TRUE(index.inPolygon({{0, 0}, {1, 1}}).empty());
    // A rectangle holding everything selects every placed row.
    EXPECT_EQ(index.inRect({-100, -100, 100, 100}).size(), x.size() - 1);
}

TEST(MapIndex, NearestMatchesBruteForce) {
    const Blobs b = makeBlobs(20000, 5, 5);
    const auto points = MapPoints::build(b.x, b.y);
    std::mt19937 rng(9);
    std::uniform_real_distribution<double> u(-12.0, 12.0);
    for (int q = 0; q < 300; ++q) {
        const double qx = u(rng), qy = u(rng), radius = 0.05 + 0.5 * (q % 4);
        double best = radius * radius;
        std::int64_t want = -1;
        for (std::size_t r = 0; r < b.x.size(); ++r) {
            const double d = (b.x[r] - qx) * (b.x[r] - qx) + (b.y[r] - qy) * (b.y[r] - qy);
            if (d < best || (d == best && want < 0)) {
                best = d;
                want = static_cast<std::int64_t>(r);
            }
        }
        EXPECT_EQ(points->index().nearest(qx, qy, radius), want) << q;
    }
    // Two points at one place: the lower row wins.
    const auto twins = MapPoints::build({1.0f, 2.0f, 2.0f}, {1.0f, 2.0f, 2.0f});
    EXPECT_EQ(twins->index().nearest(2.0, 2.0, 0.1), 1);
    EXPECT_EQ(twins->index().nearest(5.0, 5.0, 0.1), -1);
}

// --- rasteriser -----------------------------------------------------------------------------------

namespace {

struct RasterCase {
    int width = 0, height = 0, size = 1;
    double cx = 0, cy = 0, scale = 1;
    bool density = true;
    RasterStyle style;
    std::string colouring, colormap;
    std::uint32_t uniform = 0;
    std::vector<std::uint32_t> palette;
    std::vector<float> x, y, scores;
    std::vector<std::uint16_t> categories;
    std::vector<std::uint8_t> states;
    std::vector<std::uint32_t> image;
};

RasterCase readCase(const std::string& name) {
    RasterCase c;
    std::ifstream in(fixture(name));
    EXPECT_TRUE(in.good()) << fixture(name);
    std::string line, word;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') continue;
        std::istringstream s(line);
        s >> word;
        if (word == "params") {
            std::string kv;
            while (s >> kv) {
                const auto eq = kv.find('=');
                const std::string k = kv.substr(0, eq);
                const std::string v = kv.substr(eq + 1);
                if (k == "width") c.width = std::stoi(v);
                if (k == "height") c.height = std::stoi(v);
                if (k == "cx") c.cx = std::stod(v);
                if (k == "cy") c.cy = std::stod(v);
                if (k == "scale") c.scale = std::stod(v);
                if (k == "size") c.size = std::stoi(v);
                if (k == "density") c.density = v == "1";
                if (k == "min_alpha") c.style.minAlpha = std::stof(v);
                if (k == "context_max_alpha") c.style.contextMaxAlpha = std::stof(v);
                if (k == "selection_alpha") c.style.selectionAlpha = std::stof(v);
                if (k == "background") c.style.background = static_cast<std::uint32_t>(std::stoul(v));
                if (k == "context") c.style.contextColour = static_cast<std::uint32_t>(std::stoul(v));
                if (k == "selection") c.style.selectionColour = static_cast<std::uint32_t>(std::stoul(v));
            }
        } else if (word == "colouring") {
            std::string uniform;
            s >> c.colouring >> c.colormap >> uniform;
            c.uniform = static_cast<std::uint32_t>(std::stoul(uniform));
        } else if (word == "palette") {
            std::string v;
            while (s >> v) c.palette.push_back(static_cast<std::uint32_t>(std::stoul(v)));
        } else if (word == "points") {
            std::size_t n = 0;
            s >> n;
            for (std::size_t i = 0; i < n && std::getline(in, line); ++i) {
                std::istringstream p(line);
                std::string xs, ys, value;
                int state = 0;
                p >> xs >> ys >> value >> state;
                c.x.push_back(std::strtof(xs.c_str(), nullptr));
                c.y.push_back(std::strtof(ys.c_str(), nullptr));
                if (c.colouring == "score")
                    c.scores.push_back(value == "nan" ? std::numeric_limits<float>::quiet_NaN() : std::strtof(value.c_str(), nullptr));
                else
                    c.categories.push_back(static_cast<std::uint16_t>(std::stoi(value)));
                c.states.push_back(static_cast<std::uint8_t>(state));
            }
        } else if (word == "image") {
            for (int j = 0; j < c.height && std::getline(in, line); ++j) {
                std::istringstream row(line);
                std::string v;
                while (row >> v) c.image.push_back(static_cast<std::uint32_t>(std::stoul(v, nullptr, 16)));
            }
        }
    }
    return c;
}

/// Renders a case with `threads` threads; the layer's arrays are gathered into drawing order.
std::vector<std::uint32_t> renderCase(const RasterCase& c, int threads) {
    const auto points = MapPoints::build(c.x, c.y);
    std::vector<std::uint16_t> categories;
    std::vector<float> scores;
    std::vector<std::uint8_t> states = points->gather(c.states);
    RasterLayer layer;
    layer.points = points.get();
    layer.pointSize = c.size;
    layer.density = c.density;
    if (c.colouring == "category") {
        categories = points->gather(c.categories);
        layer.colouring = PointColouring::Category;
        layer.categories = categories.data();
        layer.palette = c.palette.data();
        layer.paletteSize = c.palette.size();
    } else if (c.colouring == "score") {
        scores = points->gather(c.scores);
        layer.colouring = PointColouring::Score;
        layer.scores = scores.data();
        layer.scoreLow = 0.0f;
        layer.scoreHigh = 1.0f;
        layer.colormap = colormapTable(c.colormap == "magma" ? Colormap::Magma : Colormap::Viridis).data();
    } else {
        layer.uniformColour = c.uniform;
    }
    const bool anyState = std::any_of(c.states.begin(), c.states.end(), [](std::uint8_t s) { return s != kEmphasised; });
    layer.states = anyState ? states.data() : nullptr;
    MapTransform t;
    t.setViewport(c.width, c.height);
    t.setCenter(c.cx, c.cy);
    t.setScale(c.scale);
    std::vector<std::uint32_t> out(static_cast<std::size_t>(c.width) * c.height, 0x12345678u);
    MapRasterizer rasterizer(threads);
    rasterizer.render(&layer, 1, t, c.style, out.data(), c.width);
    return out;
}

}  // namespace

class MapRasterReference : public ::testing::TestWithParam<const char*> {};

TEST_P(MapRasterReference, MatchesTheNumpyRendering) {
    const RasterCase c = readCase(GetParam());
    ASSERT_FALSE(c.x.empty());
    ASSERT_EQ(c.image.size(), static_cast<std::size_t>(c.width) * c.height);
    const std::vector<std::uint32_t> got = renderCase(c, 1);
    int worst = 0, differing = 0, covered = 0;
    for (std::size_t i = 0; i < got.size(); ++i) {
        if (c.image[i] != (c.style.background | 0xff000000u)) ++covered;
        int d = 0;
        for (int shift : {0, 8, 16, 24}) d = std::max(d, std::abs(static_cast<int>((got[i] >> shift) & 255) - static_cast<int>((c.image[i] >> shift) & 255)));
        worst = std::max(worst, d);
        differing += d > 0;
    }
    // Exact here; a level of slack for another libm's logarithms.
    EXPECT_LE(worst, 1) << GetParam();
    EXPECT_LE(differing, static_cast<int>(got.size() / 100)) << GetParam();
    EXPECT_GT(covered, static_cast<int>(got.size() / 10));  // the case draws something
    // The image does not depend on the number of threads.
    EXPECT_EQ(renderCase(c, 2), got);
    EXPECT_EQ(renderCase(c, 3), got);
}

INSTANTIATE_TEST_SUITE_P(Cases, MapRasterReference,
                         ::testing::Values("raster_category.txt", "raster_score.txt", "raster_uniform.txt"));

TEST(MapRasterizer, PointLandsOnItsPixelWithItsColour) {
    // Pixel (i, j) <- data (i + 0.5 - w / 2, h / 2 - j - 0.5) at scale 1, centre 0.
    const int w = 40, h = 30;
    const auto points = MapPoints::build({-20.0f + 7.5f, -20.0f + 30.5f, -20.0f + 30.5f}, {15.0f - 4.5f, 15.0f - 20.5f, 15.0f - 20.5f});
    const std::uint16_t categories[] = {0, 1, 1};
    const std::uint32_t palette[] = {0xff102030u, 0xffc08040u};
    std::vector<std::uint16_t> ordered(3);
    for (std::size_t i = 0; i < 3; ++i) ordered[i] = categories[points->rows()[i]];
    RasterLayer layer;
    layer.points = points.get();
    layer.colouring = PointColouring::Category;
    layer.categories = ordered.data();
    layer.palette = palette;
    layer.paletteSize = 2;
    layer.pointSize = 1;
    MapTransform t;
    t.setViewport(w, h);
    RasterStyle style;
    std::vector<std::uint32_t> out(w * h);
    MapRasterizer rasterizer(2);
    rasterizer.render(&layer, 1, t, style, out.data(), w);
    // (30, 20) holds two points: the reference count, full alpha, their colour.
    EXPECT_EQ(out[20 * w + 30], 0xffc08040u);
    // (7, 4) holds one: alpha = 0.5 + 0.5 log 2 / log 3 over white.
    const double a = std::round((0.5 + 0.5 * std::log(2.0) / std::log(3.0)) * 256.0);
    const auto over = [&](int c) { return (255 * (256 - static_cast<int>(a)) + c * static_cast<int>(a)) >> 8; };
    EXPECT_EQ(out[4 * w + 7], 0xff000000u | over(0x10) << 16 | over(0x20) << 8 | over(0x30));
    int drawn = 0;
    for (std::uint32_t p : out) drawn += p != 0xffffffffu;
    EXPECT_EQ(drawn, 2);

    // Size 3 covers the 3 x 3 block around the pixel; size 2 the 2 x 2 block towards the nearest corner.
    layer.pointSize = 3;
    layer.density = false;
    rasterizer.render(&layer, 1, t, style, out.data(), w);
    drawn = 0;
    for (std::uint32_t p : out) drawn += p != 0xffffffffu;
    EXPECT_EQ(drawn, 18);
    for (int dy = -1; dy <= 1; ++dy)
        for (int dx = -1; dx <= 1; ++dx) EXPECT_EQ(out[(4 + dy) * w + 7 + dx], 0xff102030u);
    layer.pointSize = 2;
    rasterizer.render(&layer, 1, t, style, out.data(), w);
    drawn = 0;
    for (std::uint32_t p : out) drawn += p != 0xffffffffu;
    EXPECT_EQ(drawn, 8);
    EXPECT_EQ(out[4 * w + 7], 0xff102030u);  // the point at (7.5, 4.5) rounds to corner (8, 5): 7..8 x 4..5
    EXPECT_EQ(out[5 * w + 8], 0xff102030u);
    EXPECT_EQ(out[3 * w + 6], 0xffffffffu);
}

namespace {

/// The rasteriser's definition (maprasterizer.h) written out plainly: per-pixel counts, k x k sums,
/// double logarithms. Used on sets large enough to be split into bands and spread over threads.
std::vector<std::uint32_t> referenceRender(const std::vector<float>& x, const std::vector<float>& y,
                                           const std::vector<std::uint16_t>& category,
                                           const std::vector<std::uint32_t>& palette,
                                           const std::vector<std::uint8_t>& state, const MapTransform& t, int k,
                                           const RasterStyle& style) {
    const int w = t.width(), h = t.height(), apron = 4, W = w + 2 * apron, H = h + 2 * apron;
    std::vector<std::int64_t> n(W * H), ctx(W * H), sel(W * H), sums(3 * W * H), selSums(3 * W * H);
    const float shift = k % 2 == 0 ? 0.5f : 0.0f;
    const float cx = static_cast<float>(t.centerX()), cy = static_cast<float>(t.centerY()), s = static_cast<float>(t.scale());
    const float ox = static_cast<float>(w / 2.0 + apron + shift), oy = static_cast<float>(h / 2.0 + apron + shift);
    for (std::size_t i = 0; i < x.size(); ++i) {
        const float fx = (x[i] - cx) * s + ox, fy = oy - (y[i] - cy) * s;
        if (!(fx >= 0 && fx < W && fy >= 0 && fy < H)) continue;
        const int at = static_cast<int>(fy) * W + static_cast<int>(fx);
        const std::uint32_t c = palette[category[i]];
        const int rgb[3] = {static_cast<int>(c >> 16 & 255), static_cast<int>(c >> 8 & 255), static_cast<int>(c & 255)};
        if (state[i] & kSelected) {
            ++sel[at];
            for (int q = 0; q < 3; ++q) selSums[3 * at + q] += rgb[q];
        } else if (!(state[i] & kEmphasised)) {
            ++ctx[at];
        } else {
            ++n[at];
            for (int q = 0; q < 3; ++q) sums[3 * at + q] += rgb[q];
        }
    }
    const int lo = -(k - 1) / 2, hi = k / 2;
    auto box = [&](const std::vector<std::int64_t>& a, int j, int i, int grow, int lanes, int lane) {
        std::int64_t total = 0;
        for (int dy = lo - grow; dy <= hi + grow; ++dy)
            for (int dx = lo - grow; dx <= hi + grow; ++dx)
                total += a[lanes * ((j + apron + dy) * W + i + apron + dx) + lane];
        return total;
    };
    auto reference = [&](const std::vector<std::int64_t>& a) -> std::int64_t {
        const auto peak = std::max_element(a.begin(), a.end());  // the first maximum: the lowest index
        if (*peak == 0) return 0;
        const int at = static_cast<int>(peak - a.begin()), ax = at % W, ay = at / W;
        std::int64_t total = 0;
        for (int dy = lo; dy <= hi; ++dy)
            for (int dx = lo; dx <= hi; ++dx)
                if (ax + dx >= 0 && ay + dy >= 0 && ax + dx < W && ay + dy < H) total += a[(ay + dy) * W + ax + dx];
        return total;
    };
    const double refN = static_cast<double>(reference(n)), refC = static_cast<double>(reference(ctx));
    auto alpha = [&](std::int64_t count, double ref, double scale) {
        const double a = style.minAlpha + (1.0 - style.minAlpha) * std::min(1.0, std::log1p(count) / std::log1p(ref));
        return static_cast<int>(std::lround(std::clamp(a * scale, 0.0, 1.0) * 256.0));
    };
    auto blend = [](int* px, std::uint32_t colour, int a) {
        const int c[3] = {static_cast<int>(colour >> 16 & 255), static_cast<int>(colour >> 8 & 255), static_cast<int>(colour & 255)};
        for (int q = 0; q < 3; ++q) px[q] = (px[q] * (256 - a) + c[q] * a) >> 8;
    };
    std::vector<std::uint32_t> out(static_cast<std::size_t>(w) * h);
    const int outline = static_cast<int>(std::lround(style.selectionAlpha * 256.0));
    for (int j = 0; j < h; ++j)
        for (int i = 0; i < w; ++i) {
            int px[3] = {static_cast<int>(style.background >> 16 & 255), static_cast<int>(style.background >> 8 & 255),
                         static_cast<int>(style.background & 255)};
            const std::int64_t cn = box(n, j, i, 0, 1, 0), cc = box(ctx, j, i, 0, 1, 0);
            const std::int64_t cs = box(sel, j, i, 1, 1, 0), ring = box(sel, j, i, 2, 1, 0);
            if (cc) blend(px, style.contextColour, alpha(cc, refC, style.contextMaxAlpha));
            if (cn) {
                std::uint32_t mean = 0;
                for (int q = 0; q < 3; ++q)
                    mean = mean << 8 | static_cast<std::uint32_t>(std::floor(box(sums, j, i, 0, 3, q) / static_cast<double>(cn) + 0.5));
                blend(px, mean, alpha(cn, refN, 1.0));
            }
            if (cs) {
                for (int q = 0; q < 3; ++q) px[q] = static_cast<int>(std::floor(box(selSums, j, i, 1, 3, q) / static_cast<double>(cs) + 0.5));
            } else if (ring) {
                blend(px, style.selectionColour, outline);
            }
            out[static_cast<std::size_t>(j) * w + i] = 0xff000000u | static_cast<std::uint32_t>(px[0]) << 16 |
                                                        static_cast<std::uint32_t>(px[1]) << 8 | static_cast<std::uint32_t>(px[2]);
        }
    return out;
}

}  // namespace

TEST(MapRasterizer, LargeSetsMatchThePlainDefinitionOnAnyThreadCount) {
    const Blobs b = makeBlobs(120000, 7, 99);
    std::vector<std::uint16_t> category(b.cluster.begin(), b.cluster.end());
    std::vector<std::uint32_t> palette;
    for (int c = 0; c < 7; ++c) palette.push_back(categoryColour(c));
    std::vector<std::uint8_t> state(b.x.size());
    std::mt19937 rng(4);
    for (std::size_t i = 0; i < state.size(); ++i) {
        state[i] = (rng() % 4 != 0) ? kEmphasised : 0;                    // a highlight of 3/4
        if (b.x[i] > 2.0f && b.x[i] < 5.0f && b.y[i] > 0.0f) state[i] |= kSelected;  // a compact selection
    }
    const auto points = MapPoints::build(b.x, b.y);
    const std::vector<std::uint16_t> orderedCategory = points->gather(category);
    const std::vector<std::uint8_t> orderedState = points->gather(state);
    MapTransform t;
    t.setViewport(240, 180);
    t.fit(points->bounds(), 4.0);
    t.zoomAt(150.0, 70.0, 1.6);  // some points off screen on every side
    RasterStyle style;
    for (int k : {2, 3}) {
        RasterLayer layer;
        layer.points = points.get();
        layer.colouring = PointColouring::Category;
        layer.categories = orderedCategory.data();
        layer.palette = palette.data();
        layer.paletteSize = palette.size();
        layer.states = orderedState.data();
        layer.pointSize = k;
        const std::vector<std::uint32_t> want = referenceRender(b.x, b.y, category, palette, state, t, k, style);
        std::vector<std::uint32_t> first;
        for (int threads : {1, 2, 4}) {
            MapRasterizer rasterizer(threads);
            std::vector<std::uint32_t> got(want.size());
            rasterizer.render(&layer, 1, t, style, got.data(), t.width());
            int worst = 0;
            for (std::size_t i = 0; i < got.size(); ++i)
                for (int shift : {0, 8, 16})
                    worst = std::max(worst, std::abs(static_cast<int>(got[i] >> shift & 255) - static_cast<int>(want[i] >> shift & 255)));
            EXPECT_LE(worst, 1) << "k " << k << ", threads " << threads;
            if (first.empty())
                first = got;
            else
                EXPECT_EQ(got, first) << "k " << k << ", threads " << threads;
        }
    }
}

TEST(MapRasterizer, EmptyLayersDrawTheBackground) {
    MapTransform t;
    t.setViewport(16, 8);
    RasterStyle style;
    style.background = 0xff202124u;
    std::vector<std::uint32_t> out(16 * 8, 0);
    MapRasterizer rasterizer(2);
    RasterLayer none;
    rasterizer.render(&none, 1, t, style, out.data(), 16);
    for (std::uint32_t p : out) EXPECT_EQ(p, 0xff202124u);
    EXPECT_THROW(rasterizer.render(&none, 1, t, style, nullptr, 16), std::invalid_argument);
}

// --- the view ---------------------------------------------------------------------------------------

TEST(MapView, PreparesOffTheGuiThreadAndRenders) {
    MapView view;
    view.resize(400, 300);
    EXPECT_TRUE(view.isReady());
    const Blobs b = makeBlobs(50000, 6, 21);
    setPointsAndWait(view, b.x, b.y);
    EXPECT_EQ(view.rowCount(), 50000);
    view.setColouring(MapColouring::byCategory(QStringLiteral("cluster"), b.cluster));
    QImage image;
    view.render(image);
    ASSERT_EQ(image.size(), QSize(400, 300));
    EXPECT_EQ(image.format(), QImage::Format_ARGB32_Premultiplied);
    // Fitted: points near every edge region, background in the corners.
    const std::uint32_t background = view.palette().color(QPalette::Base).rgb();
    EXPECT_EQ(pixel(image, 0, 0), background);
    int drawn = 0;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x) drawn += pixel(image, x, y) != background;
    EXPECT_GT(drawn, 400 * 300 / 20);
    // Legend counts per cluster.
    const MapLegendData legend = view.legend();
    ASSERT_EQ(legend.entries.size(), 6u);
    std::int64_t total = 0;
    for (const MapLegendEntry& e : legend.entries) total += e.count;
    EXPECT_EQ(total, 50000);
    EXPECT_EQ(legend.entries[2].count, std::count(b.cluster.begin(), b.cluster.end(), 2));
    EXPECT_EQ(legend.entries[2].colour.rgb(), categoryColour(2));
    EXPECT_THROW(view.setPoints({1.0f}, {}), std::invalid_argument);
}

TEST(MapView, SelectionSignalsAndCombination) {
    MapView view;
    view.resize(500, 400);
    const Blobs b = makeBlobs(30000, 4, 8);
    setPointsAndWait(view, b.x, b.y);
    QSignalSpy changed(&view, &MapView::selectionChanged);
    const QPolygonF lasso({QPointF(100, 100), QPointF(300, 80), QPointF(350, 300), QPointF(120, 320)});
    const std::size_t n = view.selectPolygon(lasso);
    ASSERT_EQ(changed.count(), 1);
    const QList<qint64> rows = changed.takeFirst().at(0).value<QList<qint64>>();
    EXPECT_EQ(static_cast<std::size_t>(rows.size()), n);
    // Brute force in widget coordinates (the same polygon mapped to data).
    std::vector<MapPoint> poly;
    for (const QPointF& p : lasso) poly.push_back(view.transform().toData(p.x(), p.y()));
    std::vector<qint64> want;
    for (std::size_t r = 0; r < b.x.size(); ++r)
        if (insideBruteForce(poly, b.x[r], b.y[r])) want.push_back(static_cast<qint64>(r));
    EXPECT_EQ(std::vector<qint64>(rows.begin(), rows.end()), want);
    EXPECT_GT(want.size(), 100u);

    // Shift-style add of a box, then subtract the lasso again: only the box's points outside it remain.
    const QRectF box(250, 200, 150, 150);
    view.selectRect(box, SelectionOp::Add);
    EXPECT_EQ(changed.count(), 1);
    view.selectPolygon(lasso, SelectionOp::Subtract);
    const MapPoint a = view.transform().toData(box.left(), box.bottom()), c = view.transform().toData(box.right(), box.top());
    for (std::int64_t r : view.selection()) {
        EXPECT_TRUE(b.x[r] >= a.x && b.x[r] <= c.x && b.y[r] >= a.y && b.y[r] <= c.y);
        EXPECT_FALSE(insideBruteForce(poly, b.x[r], b.y[r]));
    }
    changed.clear();
    view.setSelection(view.selection());  // unchanged: no signal
    EXPECT_EQ(changed.count(), 0);
    view.setSelection({5, 3, 3, -1, 1000000});
    EXPECT_EQ(view.selection(), (std::vector<std::int64_t>{3, 5}));
    EXPECT_EQ(view.legend().selected, 2);
    view.clearSelection();
    EXPECT_EQ(changed.count(), 2);
    EXPECT_TRUE(view.selection().empty());
}

TEST(MapView, MouseLassoBoxClickHoverAndKeys) {
    MapView view;
    view.resize(400, 400);
    view.show();
    // A 21 x 21 lattice over [-10, 10]^2.
    std::vector<float> x, y;
    for (int j = -10; j <= 10; ++j)
        for (int i = -10; i <= 10; ++i) {
            x.push_back(static_cast<float>(i));
            y.push_back(static_cast<float>(j));
        }
    setPointsAndWait(view, x, y);
    std::vector<std::int64_t> thumbnailsAsked;
    view.setThumbnailSource([&](std::int64_t row) {
        thumbnailsAsked.push_back(row);
        return colourTile(static_cast<int>(row), 48, 48);
    });
    QSignalSpy activated(&view, &MapView::pointActivated);
    QSignalSpy selection(&view, &MapView::selectionChanged);
    QSignalSpy hover(&view, &MapView::hoverChanged);

    // Hover over the point (3, 4), row (4 + 10) * 21 + (3 + 10).
    const std::int64_t row34 = (4 + 10) * 21 + 13;
    const QPointF at34 = view.toWidget(QPointF(3, 4));
    sendMouse(&view, QEvent::MouseMove, at34 + QPointF(2, -1), Qt::NoButton, Qt::NoButton);
    ASSERT_EQ(hover.count(), 1);
    EXPECT_EQ(hover.at(0).at(0).toLongLong(), row34);
    EXPECT_EQ(view.hoveredRow(), row34);
    view.repaint();  // paints the hover card, asking for the thumbnail once
    view.repaint();
    EXPECT_EQ(thumbnailsAsked, std::vector<std::int64_t>{row34});

    // Click on it (Pan tool): activated; a click on empty space activates nothing.
    sendMouse(&view, QEvent::MouseButtonPress, at34, Qt::LeftButton, Qt::LeftButton);
    sendMouse(&view, QEvent::MouseButtonRelease, at34, Qt::LeftButton, Qt::NoButton);
    ASSERT_EQ(activated.count(), 1);
    EXPECT_EQ(activated.at(0).at(0).toLongLong(), row34);
    const QPointF between = view.toWidget(QPointF(3.5, 4.5));
    sendMouse(&view, QEvent::MouseButtonPress, between, Qt::LeftButton, Qt::LeftButton);
    sendMouse(&view, QEvent::MouseButtonRelease, between, Qt::LeftButton, Qt::NoButton);
    EXPECT_EQ(activated.count(), 1);

    // A Pan drag moves the view by the drag.
    const QPointF before = view.toWidget(QPointF(0, 0));
    sendMouse(&view, QEvent::MouseButtonPress, QPointF(200, 200), Qt::LeftButton, Qt::LeftButton);
    sendMouse(&view, QEvent::MouseMove, QPointF(230, 190), Qt::NoButton, Qt::LeftButton);
    sendMouse(&view, QEvent::MouseButtonRelease, QPointF(230, 190), Qt::LeftButton, Qt::NoButton);
    EXPECT_NEAR(view.toWidget(QPointF(0, 0)).x() - before.x(), 30.0, 1e-9);
    EXPECT_NEAR(view.toWidget(QPointF(0, 0)).y() - before.y(), -10.0, 1e-9);
    EXPECT_EQ(selection.count(), 0);

    // Lasso around the data square [0.5, 2.5] x [0.5, 2.5]: the 4 points (1..2, 1..2).
    view.setTool(MapTool::Lasso);
    const QPointF corners[] = {view.toWidget(QPointF(0.5, 0.5)), view.toWidget(QPointF(2.5, 0.5)),
                               view.toWidget(QPointF(2.5, 2.5)), view.toWidget(QPointF(0.5, 2.5))};
    sendMouse(&view, QEvent::MouseButtonPress, corners[0], Qt::LeftButton, Qt::LeftButton);
    for (int k = 1; k < 4; ++k) sendMouse(&view, QEvent::MouseMove, corners[k], Qt::NoButton, Qt::LeftButton);
    sendMouse(&view, QEvent::MouseButtonRelease, corners[0] + QPointF(0.5, 0.5), Qt::LeftButton, Qt::NoButton);
    ASSERT_EQ(selection.count(), 1);
    const auto rowOf = [](int i, int j) { return static_cast<std::int64_t>((j + 10) * 21 + i + 10); };
    EXPECT_EQ(view.selection(), (std::vector<std::int64_t>{rowOf(1, 1), rowOf(2, 1), rowOf(1, 2), rowOf(2, 2)}));

    // Box with Shift adds (-2..-1) x (-2..-1).
    view.setTool(MapTool::Box);
    sendMouse(&view, QEvent::MouseButtonPress, view.toWidget(QPointF(-2.5, -0.5)), Qt::LeftButton, Qt::LeftButton, Qt::ShiftModifier);
    sendMouse(&view, QEvent::MouseMove, view.toWidget(QPointF(-0.5, -2.5)), Qt::NoButton, Qt::LeftButton, Qt::ShiftModifier);
    sendMouse(&view, QEvent::MouseButtonRelease, view.toWidget(QPointF(-0.5, -2.5)), Qt::LeftButton, Qt::NoButton, Qt::ShiftModifier);
    ASSERT_EQ(selection.count(), 2);
    EXPECT_EQ(view.selection().size(), 8u);

    // Wheel zooms at the cursor: the data point under it stays.
    const QPointF cursor(120, 260);
    const QPointF under = view.toData(cursor);
    QWheelEvent wheel(cursor, view.mapToGlobal(cursor), QPoint(), QPoint(0, 240), Qt::NoButton, Qt::NoModifier,
                      Qt::NoScrollPhase, false);
    const double scale = view.transform().scale();
    QApplication::sendEvent(&view, &wheel);
    EXPECT_NEAR(view.transform().scale(), scale * 1.44, 1e-9);
    EXPECT_NEAR(view.toWidget(under).x(), cursor.x(), 1e-6);
    EXPECT_NEAR(view.toWidget(under).y(), cursor.y(), 1e-6);

    // Keys: 0 fits again, Escape clears the selection.
    QTest::keyClick(&view, Qt::Key_0);
    EXPECT_NEAR(view.toWidget(QPointF(0, 0)).x(), 200.0, 1e-6);
    QTest::keyClick(&view, Qt::Key_Escape);
    EXPECT_TRUE(view.selection().empty());
    EXPECT_EQ(selection.count(), 3);
}

TEST(MapView, HighlightOverlayAndStates) {
    MapView view;
    view.resize(300, 200);
    setPointsAndWait(view, {0.0f, 1.0f, 2.0f, 3.0f}, {0.0f, 0.0f, 0.0f, std::numeric_limits<float>::quiet_NaN()});
    view.setHighlight({0, 3, 2}, QStringLiteral("k-center 2"));
    MapLegendData legend = view.legend();
    EXPECT_TRUE(legend.hasHighlight);
    EXPECT_EQ(legend.highlighted, 2);  // row 3 is not placed
    EXPECT_EQ(legend.placed, 3);
    EXPECT_EQ(legend.rows, 4);
    view.setPointSize(1);
    QImage image;
    view.render(image);
    // Row 1 is context: drawn in a grey lighter than an emphasised point.
    const QPointF p0 = view.toWidget(QPointF(0, 0)), p1 = view.toWidget(QPointF(1, 0));
    const QColor emphasised = QColor::fromRgb(pixel(image, static_cast<int>(p0.x()), static_cast<int>(p0.y())));
    const QColor context = QColor::fromRgb(pixel(image, static_cast<int>(p1.x()), static_cast<int>(p1.y())));
    EXPECT_EQ(emphasised.rgb() | 0xff000000u, categoryColour(0));
    EXPECT_LT(std::abs(context.red() - context.blue()), 16);
    EXPECT_GT(context.lightness(), emphasised.lightness());

    // The overlay draws over the base and answers hit tests of its own.
    setPointsAndWait(view, {1.0f}, {0.0f}, MapLayer::Overlay);
    view.setColouring(MapColouring::uniform(QStringLiteral("generated"), QColor(0xe0, 0x3a, 0x3e)), MapLayer::Overlay);
    EXPECT_EQ(view.pointAt(p1, 3.0, MapLayer::Overlay), 0);
    legend = view.legend();
    EXPECT_EQ(legend.overlayPoints, 1);
    EXPECT_EQ(legend.overlayTitle, QStringLiteral("generated"));
    view.render(image);
    EXPECT_EQ(pixel(image, static_cast<int>(p1.x()), static_cast<int>(p1.y())), 0xffe03a3eu);
    QSignalSpy overlayActivated(&view, &MapView::overlayPointActivated);
    sendMouse(&view, QEvent::MouseButtonPress, p1, Qt::LeftButton, Qt::LeftButton);
    sendMouse(&view, QEvent::MouseButtonRelease, p1, Qt::LeftButton, Qt::NoButton);
    EXPECT_EQ(overlayActivated.count(), 1);
    view.clearPoints(MapLayer::Overlay);
    EXPECT_EQ(view.legend().overlayPoints, 0);
    view.clearHighlight();
    EXPECT_FALSE(view.legend().hasHighlight);
}

TEST(MapView, ScoresWithNanAndALaterLayout) {
    MapView view;
    view.resize(200, 200);
    const float nan = std::numeric_limits<float>::quiet_NaN();
    view.setColouring(MapColouring::byScore(QStringLiteral("blur"), {0.0f, 5.0f, nan, 10.0f}));
    setPointsAndWait(view, {0.0f, 1.0f, 2.0f, 3.0f}, {0.0f, 1.0f, 2.0f, 3.0f});
    MapLegendData legend = view.legend();
    EXPECT_EQ(legend.kind, MapColouring::Kind::Score);
    EXPECT_DOUBLE_EQ(legend.low, 0.0);
    EXPECT_DOUBLE_EQ(legend.high, 10.0);
    ASSERT_EQ(legend.entries.size(), 1u);  // "no value"
    EXPECT_EQ(legend.entries[0].count, 1);
    // A second layout supersedes the first one even if both are pending.
    view.setPoints({9.0f, 9.0f}, {9.0f, 9.0f});
    view.setPoints({0.0f, 1.0f, 2.0f, 3.0f}, {3.0f, 2.0f, 1.0f, 0.0f});
    EXPECT_FALSE(view.isReady());
    ASSERT_TRUE(waitFor([&] { return view.isReady(); }));
    EXPECT_FLOAT_EQ(view.points()->bounds().yMax, 3.0f);
    EXPECT_EQ(view.rowCount(), 4);
}

TEST(MapPanel, ColourByLegendAndSaveSignals) {
    MapPanel panel;
    panel.resize(900, 600);
    const Blobs b = makeBlobs(5000, 3, 2);
    setPointsAndWait(*panel.view(), b.x, b.y);
    panel.addColouring(MapColouring::byCategory(QStringLiteral("cluster"), b.cluster,
                                                {QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")}));
    std::vector<float> score(b.x.begin(), b.x.end());
    panel.addColouring(MapColouring::byScore(QStringLiteral("x"), score));
    EXPECT_EQ(panel.currentColouring(), 0);
    EXPECT_EQ(panel.legend()->data().entries.size(), 3u);
    EXPECT_EQ(panel.legend()->data().entries[1].name, QStringLiteral("b"));
    panel.setCurrentColouring(1);
    EXPECT_EQ(panel.view()->colouring().title, QStringLiteral("x"));
    EXPECT_EQ(panel.legend()->data().kind, MapColouring::Kind::Score);

    QSignalSpy tag(&panel, &MapPanel::saveSelectionAsTagRequested);
    QSignalSpy subset(&panel, &MapPanel::saveSelectionAsSubsetRequested);
    auto* saveTag = panel.findChild<QPushButton*>();
    ASSERT_NE(saveTag, nullptr);
    panel.view()->setSelection({1, 2, 3});
    for (QPushButton* button : panel.findChildren<QPushButton*>()) {
        EXPECT_TRUE(button->isEnabled());
        button->click();
    }
    ASSERT_EQ(tag.count(), 1);
    ASSERT_EQ(subset.count(), 1);
    EXPECT_EQ(tag.at(0).at(0).value<QList<qint64>>(), (QList<qint64>{1, 2, 3}));
    panel.view()->clearSelection();
    for (QPushButton* button : panel.findChildren<QPushButton*>()) EXPECT_FALSE(button->isEnabled());
}

// --- screenshots ------------------------------------------------------------------------------------

TEST(MapScreenshots, PanelWithClustersHighlightAndLasso) {
    const Blobs b = makeBlobs(100000, 12, 2026);
    QStringList names;
    for (int c = 0; c < 12; ++c) names << QStringLiteral("cluster %1").arg(c);
    // A subset: every 5th point of half of the clusters plus every 40th elsewhere (a curated pick).
    std::vector<std::int64_t> subset;
    for (std::size_t r = 0; r < b.x.size(); ++r)
        if ((b.cluster[r] % 2 == 0 && r % 5 == 0) || r % 40 == 0) subset.push_back(static_cast<std::int64_t>(r));

    for (Theme theme : {Theme::Light, Theme::Dark}) {
        applyTheme(theme);
        MapPanel panel;
        panel.resize(1280, 800);
        panel.show();
        setPointsAndWait(*panel.view(), b.x, b.y);
        panel.addColouring(MapColouring::byCategory(QStringLiteral("cluster"), b.cluster, names));
        panel.view()->setHighlight(subset, QStringLiteral("subset: k-center 11k"));
        panel.view()->setThumbnailSource([](std::int64_t row) { return colourTile(static_cast<int>(row), 96, 96); });
        panel.view()->setTool(MapTool::Lasso);
        QApplication::processEvents();
        MapView* view = panel.view();
        // A selection made with a lasso around the top cluster (3), then a lasso in progress around
        // the one right of the centre (0).
        view->selectPolygon(smoothLasso(view->toWidget(QPointF(0.3, 4.6)), 75.0, 60.0, 50));
        const QPolygonF lasso = smoothLasso(view->toWidget(QPointF(6.0, 0.0)), 80.0, 70.0, 50);
        sendMouse(view, QEvent::MouseButtonPress, lasso[0], Qt::LeftButton, Qt::LeftButton);
        for (int k = 1; k < lasso.size() * 4 / 5; ++k) sendMouse(view, QEvent::MouseMove, lasso[k], Qt::NoButton, Qt::LeftButton);
        const QString name = theme == Theme::Light ? QStringLiteral("map") : QStringLiteral("map-dark");
        EXPECT_TRUE(saveScreenshot(&panel, name));
        sendMouse(view, QEvent::MouseButtonRelease, lasso[0], Qt::LeftButton, Qt::NoButton);
        EXPECT_GT(view->selection().size(), 1000u);

        // The hover card, in its own shot.
        view->setTool(MapTool::Pan);
        const std::int64_t row = 12345;
        sendMouse(view, QEvent::MouseMove, view->toWidget(QPointF(b.x[row], b.y[row])), Qt::NoButton, Qt::NoButton);
        EXPECT_GE(view->hoveredRow(), 0);
        EXPECT_TRUE(saveScreenshot(&panel, name + QStringLiteral("-hover")));
    }
    applyTheme(Theme::Light);
    EXPECT_TRUE(QFileInfo::exists(screenshotPath(QStringLiteral("map"))));
}
