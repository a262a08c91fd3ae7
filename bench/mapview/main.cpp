// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
// bench_mapview: frame and lasso times of the embedding map through MapView itself (render(), the path
// paintEvent takes when its frame is stale; repaint() for the whole paint; selectPolygon(), the path of a
// mouse lasso), beside the baselines of baselines.h, on Gaussian blobs. Prints one JSON object.
//
//   bench_mapview [--points 1000000] [--width 1280] [--height 800] [--frames 20] [--ellipses 50000]
#include <QApplication>
#include <QElapsedTimer>
#include <QTimer>
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "baselines.h"
#include "widgets/map/mappoints.h"
#include "widgets/map/mapview.h"

using namespace winnow;
using namespace winnow::widgets;

namespace {

struct Options {
    std::size_t points = 1000000;
    int width = 1280, height = 800, frames = 20;
    std::size_t ellipses = 50000;
};

double msSince(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

double threadCpuMs() {
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v.empty() ? NAN : (v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2.0);
}

double percentile(std::vector<double> v, double p) {
    std::sort(v.begin(), v.end());
    return v.empty() ? NAN : v[std::min(v.size() - 1, static_cast<std::size_t>(p * (v.size() - 1) + 0.5))];
}

double processCpuMs() {
    timespec t{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

/// Wall times of `repeats` calls; the CPU time of the whole process (every thread) per call goes to
/// lastCpu, so that a loaded machine, which stretches wall times, can be told apart.
std::vector<double> lastCpu;

template <class F>
std::vector<double> times(int repeats, F&& work) {
    std::vector<double> out;
    lastCpu.clear();
    for (int i = 0; i < repeats; ++i) {
        const double cpu = processCpuMs();
        const auto start = std::chrono::steady_clock::now();
        work();
        out.push_back(msSince(start));
        lastCpu.push_back(processCpuMs() - cpu);
    }
    return out;
}

struct Data {
    std::vector<float> x, y, score;
    std::vector<std::int32_t> cluster;
};

/// 16 Gaussian blobs of different sizes and spreads; a score (distance from the origin) with 1 % NaN.
Data makeData(std::size_t n) {
    std::mt19937_64 rng(20260412);
    std::normal_distribution<float> normal(0.0f, 1.0f);
    std::uniform_real_distribution<float> uniform(0.0f, 1.0f);
    const int clusters = 16;
    std::vector<float> cx(clusters), cy(clusters), spread(clusters), weight(clusters);
    for (int c = 0; c < clusters; ++c) {
        cx[c] = 20.0f * (uniform(rng) - 0.5f);
        cy[c] = 14.0f * (uniform(rng) - 0.5f);
        spread[c] = 0.4f + 1.4f * uniform(rng);
        weight[c] = 0.3f + uniform(rng);
    }
    std::discrete_distribution<int> pick(weight.begin(), weight.end());
    Data d;
    d.x.resize(n);
    d.y.resize(n);
    d.score.resize(n);
    d.cluster.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
        const int c = pick(rng);
        d.x[i] = cx[c] + spread[c] * normal(rng);
        d.y[i] = cy[c] + spread[c] * normal(rng);
        d.cluster[i] = c;
        d.score[i] = uniform(rng) < 0.01f ? NAN : std::sqrt(d.x[i] * d.x[i] + d.y[i] * d.y[i]);
    }
    return d;
}

/// A smooth 50-vertex lasso around (cx, cy) in widget pixels.
QPolygonF lassoAround(const MapView& view, double cx, double cy, double radius) {
    QPolygonF poly;
    for (int i = 0; i < 50; ++i) {
        const double a = 6.283185307179586 * i / 50;
        const double r = radius * (1.0 + 0.12 * std::sin(3 * a) + 0.06 * std::cos(7 * a + 0.5));
        poly << view.toWidget(QPointF(cx + r * std::cos(a), cy + 0.8 * r * std::sin(a)));
    }
    return poly;
}

std::vector<MapPoint> toData(const MapView& view, const QPolygonF& poly) {
    std::vector<MapPoint> out;
    for (const QPointF& p : poly) {
        const QPointF d = view.toData(p);
        out.push_back({d.x(), d.y()});
    }
    return out;
}

struct Timing {
    std::vector<double> wall, cpu;
};

template <class F>
Timing timing(int repeats, F&& work) {
    Timing t;
    t.wall = times(repeats, work);
    t.cpu = lastCpu;
    return t;
}

void printStats(const char* name, const Timing& t, bool comma = true) {
    std::printf("\"%s\": {\"median_ms\": %.4f, \"p95_ms\": %.4f, \"min_ms\": %.4f, \"cpu_median_ms\": %.4f, \"runs\": %zu}%s\n",
                name, median(t.wall), percentile(t.wall, 0.95), *std::min_element(t.wall.begin(), t.wall.end()),
                median(t.cpu), t.wall.size(), comma ? "," : "");
}

}  // namespace

int main(int argc, char** argv) {
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    Options o;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string k = argv[i];
        const char* v = argv[i + 1];
        if (k == "--points") o.points = std::stoull(v);
        else if (k == "--width") o.width = std::stoi(v);
        else if (k == "--height") o.height = std::stoi(v);
        else if (k == "--frames") o.frames = std::stoi(v);
        else if (k == "--ellipses") o.ellipses = std::stoull(v);
        else {
            std::fprintf(stderr, "unknown option %s\n", k.c_str());
            return 2;
        }
    }
    const Data d = makeData(o.points);

    MapView view;
    view.resize(o.width, o.height);
    view.show();
    view.repaint();  // the first paint (fonts, backing store) before anything is timed
    app.processEvents();

    // Layout work: MapPoints::build on the view's worker while the GUI thread runs its event loop (woken
    // by a 1 ms timer). The longest CPU time the GUI thread spends in one pass of the loop while the
    // layout is pending is how long layout work held it (CPU time, so that a loaded machine descheduling
    // the thread does not count; the first frame, painted once the points are in, is not layout work).
    const Timing build = timing(3, [&] { MapPoints::build(d.x, d.y); });
    double longestBusy = 0.0;
    QTimer timer;
    timer.setInterval(1);
    timer.start();
    std::vector<float> x = d.x, y = d.y;  // moved into the view, as an integrator that is done with them would
    const auto prepareStart = std::chrono::steady_clock::now();
    view.setPoints(std::move(x), std::move(y));
    const double setPointsCall = msSince(prepareStart);
    while (!view.isReady()) {
        const double before = threadCpuMs();
        app.processEvents(QEventLoop::WaitForMoreEvents);
        if (!view.isReady()) longestBusy = std::max(longestBusy, threadCpuMs() - before);
    }
    const double prepare = msSince(prepareStart);
    timer.stop();

    view.setPointSize(3);
    const MapColouring byCluster = MapColouring::byCategory(QStringLiteral("cluster"), d.cluster);
    const Timing recolour = timing(5, [&] { view.setColouring(byCluster); });
    std::vector<std::int64_t> subset;
    for (std::size_t r = 0; r < o.points; r += 5) subset.push_back(static_cast<std::int64_t>(r));
    view.setHighlight(subset, QStringLiteral("every fifth"));

    QImage image;
    auto frames = [&] {
        view.render(image);
        view.render(image);
        return timing(o.frames, [&] { view.render(image); });
    };
    const Timing categoryHighlight = frames();
    view.clearHighlight();
    const Timing categoryPlain = frames();
    view.setHighlight(subset, QStringLiteral("every fifth"));
    view.setPointSize(0);
    const int defaultSize = view.pointSize();
    const Timing categoryDefaultSize = frames();
    view.setPointSize(3);
    view.setColouring(MapColouring::byScore(QStringLiteral("distance"), d.score));
    const Timing score = frames();
    view.setColouring(MapColouring::byCategory(QStringLiteral("cluster"), d.cluster));

    // The whole paint: a one-pixel pan (stale frame) and repaint() (paintEvent: render + blit + decorations).
    view.repaint();
    const Timing repaint = timing(o.frames, [&] {
        view.panBy(QPointF(1.0, 0.0));
        view.repaint();
    });

    // Lasso: 50 vertices around the data centre, radius found so that it holds about 20 % of the points.
    double lo = 0.1, hi = 30.0;
    std::vector<MapPoint> dataLasso;
    QPolygonF lasso;
    for (int it = 0; it < 30; ++it) {
        const double r = (lo + hi) / 2.0;
        lasso = lassoAround(view, 0.0, 0.0, r);
        dataLasso = toData(view, lasso);
        const double fraction = view.points()->index().inPolygon(dataLasso).size() / static_cast<double>(o.points);
        (fraction < 0.2 ? lo : hi) = r;
    }
    const std::vector<std::int64_t> truth = bench::bruteForceLasso(d.x, d.y, dataLasso);
    Timing lassoTimes;
    std::size_t selected = 0;
    for (int i = 0; i < std::max(5, o.frames / 2); ++i) {
        view.clearSelection();
        const Timing one = timing(1, [&] { selected = view.selectPolygon(lasso); });
        lassoTimes.wall.push_back(one.wall[0]);
        lassoTimes.cpu.push_back(one.cpu[0]);
    }
    const bool lassoMatches = view.selection() == truth;
    const Timing indexOnly = timing(std::max(5, o.frames / 2), [&] { view.points()->index().inPolygon(dataLasso); });
    const Timing bruteForce = timing(5, [&] { bench::bruteForceLasso(d.x, d.y, dataLasso); });
    const Timing categorySelection = frames();

    // Baselines on the same view transform and image size.
    MapTransform t = view.transform();
    QImage plain(o.width, o.height, QImage::Format_ARGB32_Premultiplied);
    bench::directSplat(d.x, d.y, t, plain);
    const Timing direct = timing(o.frames, [&] { bench::directSplat(d.x, d.y, t, plain); });
    const Timing points = timing(5, [&] { bench::painterPoints(d.x, d.y, t, plain); });
    const std::size_t sample = std::min(o.ellipses, o.points);
    const Timing ellipses = timing(3, [&] { bench::painterEllipses(d.x, d.y, d.cluster, sample, t, plain); });

    std::printf("{\n\"points\": %zu, \"width\": %d, \"height\": %d, \"threads\": %u, \"default_point_size\": %d,\n",
                o.points, o.width, o.height, std::thread::hardware_concurrency(), defaultSize);
    std::printf("\"prepare_ms\": %.3f, \"set_points_call_ms\": %.3f, \"gui_longest_busy_ms\": %.3f,\n", prepare,
                setPointsCall, longestBusy);
    printStats("layout_build", build);
    printStats("frame_category_density_highlight", categoryHighlight);
    printStats("frame_category_density", categoryPlain);
    printStats("frame_category_default_size", categoryDefaultSize);
    printStats("frame_score_density_highlight", score);
    printStats("frame_category_selection", categorySelection);
    printStats("repaint_after_pan", repaint);
    printStats("recolour", recolour);
    printStats("lasso_select", lassoTimes);
    printStats("lasso_index_only", indexOnly);
    printStats("lasso_brute_force", bruteForce);
    std::printf("\"lasso_selected\": %zu, \"lasso_fraction\": %.4f, \"lasso_matches_brute_force\": %s,\n", selected,
                selected / static_cast<double>(o.points), lassoMatches ? "true" : "false");
    printStats("baseline_direct_splat", direct);
    printStats("baseline_qpainter_points", points);
    printStats("baseline_qpainter_ellipses_sample", ellipses);
    std::printf("\"ellipse_sample\": %zu, \"baseline_qpainter_ellipses_scaled_ms\": %.3f\n}\n", sample,
                median(ellipses.wall) * static_cast<double>(o.points) / static_cast<double>(sample));
    return lassoMatches ? 0 : 1;
}
