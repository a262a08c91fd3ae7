// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
// `bench_ingest generate`: the photo-like JPEG folder of the ingest and duplicate benchmarks, with planted
// exact copies (byte-identical) and near copies (decoded and re-encoded at another quality). The true
// pairs go to truth.tsv; stamp.txt records the parameters, so a second run with the same ones reuses the
// folder (a folder without a stamp, e.g. after an interrupted run, is generated again).
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <numeric>
#include <random>
#include <sstream>

#include <opencv2/imgcodecs.hpp>

#include "common.h"
#include "ingest/filereader.h"
#include "subcommands.h"
#include "synth.h"

namespace fs = std::filesystem;

namespace winnow::bench {
namespace {

struct Plan {
    std::vector<int> source;  ///< per file: -1 for an original, else the original it copies
    std::vector<int> quality; ///< per file: JPEG quality it was written with (copies: 0 = byte copy)
};

/// Which files are copies of which originals: shuffled, each original copied at most once.
Plan makePlan(int count, int exact, int near, int quality, std::uint64_t seed) {
    std::mt19937_64 rng(seed);
    std::vector<int> order(static_cast<std::size_t>(count));
    std::iota(order.begin(), order.end(), 0);
    std::shuffle(order.begin(), order.end(), rng);
    Plan plan{std::vector<int>(order.size(), -1), std::vector<int>(order.size(), quality)};
    const int copies = exact + near;
    // order[0, copies) are the copies, order[copies, 2 * copies) their originals.
    static const int nearQualities[] = {60, 75, 95};
    for (int k = 0; k < copies; ++k) {
        const auto copy = static_cast<std::size_t>(order[static_cast<std::size_t>(k)]);
        plan.source[copy] = order[static_cast<std::size_t>(copies + k)];
        plan.quality[copy] = k < exact ? 0 : nearQualities[k % 3];
    }
    return plan;
}

std::string fileName(int index) {
    char name[32];
    std::snprintf(name, sizeof name, "img_%05d.jpg", index);
    return name;
}

void writeBytes(const fs::path& path, const void* data, std::size_t size) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(static_cast<const char*>(data), static_cast<std::streamsize>(size));
    if (!out) throw std::runtime_error("cannot write " + path.string());
}

std::string slurp(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

}  // namespace

int runGenerate(const Options& o) {
    const fs::path out = o.text("out");
    if (out.empty()) throw UsageError("generate needs --out DIR");
    const int count = static_cast<int>(o.integer("n", 10000));
    const int width = static_cast<int>(o.integer("width", 640));
    const int height = static_cast<int>(o.integer("height", 480));
    const int quality = static_cast<int>(o.integer("quality", 90));
    const double noise = o.number("noise", 3.0);
    const double detail = o.number("detail", 17.0);
    const auto seed = static_cast<std::uint64_t>(o.integer("seed", 20260301));
    const int exact = static_cast<int>(std::lround(count * o.number("exact-fraction", 0.01)));
    const int near = static_cast<int>(std::lround(count * o.number("near-fraction", 0.01)));
    const int threads = resolveThreads(o.integer("threads", 2));
    if (count <= 0 || width <= 0 || height <= 0 || 2 * (exact + near) > count)
        throw UsageError("generate: bad sizes or too many copies");

    std::ostringstream stampText;
    stampText << "winnow bench jpeg v2 n=" << count << " size=" << width << "x" << height << " q=" << quality
              << " noise=" << noise << " detail=" << detail << " seed=" << seed << " exact=" << exact << " near=" << near << "\n";
    const auto start = std::chrono::steady_clock::now();
    if (fs::exists(out / "stamp.txt") && slurp(out / "stamp.txt") == stampText.str()) {
        JsonLine("generate").add("dir", out.string()).add("files", count).add("reused", true).print();
        return 0;
    }
    fs::remove(out / "stamp.txt");
    fs::create_directories(out);
    for (const auto& entry : fs::directory_iterator(out)) {  // only what an earlier run wrote
        const std::string name = entry.path().filename().string();
        if (name == "truth.tsv" || (name.rfind("img_", 0) == 0 && entry.path().extension() == ".jpg"))
            fs::remove(entry.path());
    }

    const Plan plan = makePlan(count, exact, near, quality, seed);
    const std::vector<int> params{cv::IMWRITE_JPEG_QUALITY, quality};
    std::atomic<long long> bytes{0};
    // Originals first, then the copies, which read them back.
    parallelFor(static_cast<std::size_t>(count), threads, [&](std::size_t i) {
        if (plan.source[i] >= 0) return;
        std::vector<std::uint8_t> jpeg;
        cv::imencode(".jpg", synthesizePhoto(width, height, seed + 1 + i, noise, detail), jpeg, params);
        writeBytes(out / fileName(static_cast<int>(i)), jpeg.data(), jpeg.size());
        bytes += static_cast<long long>(jpeg.size());
    });
    parallelFor(static_cast<std::size_t>(count), threads, [&](std::size_t i) {
        if (plan.source[i] < 0) return;
        const fs::path original = out / fileName(plan.source[i]);
        std::string error;
        std::vector<std::uint8_t> data = ingest::readFile(original.string(), 1LL << 30, error);
        if (!error.empty()) throw std::runtime_error(original.string() + ": " + error);
        if (plan.quality[i] > 0) {
            const cv::Mat pixels = cv::imdecode(cv::Mat(1, static_cast<int>(data.size()), CV_8U, data.data()),
                                                cv::IMREAD_COLOR);
            std::vector<std::uint8_t> jpeg;
            cv::imencode(".jpg", pixels, jpeg, {cv::IMWRITE_JPEG_QUALITY, plan.quality[i]});
            data.swap(jpeg);
        }
        writeBytes(out / fileName(static_cast<int>(i)), data.data(), data.size());
        bytes += static_cast<long long>(data.size());
    });

    std::ofstream truth(out / "truth.tsv", std::ios::trunc);
    truth << "# kind\toriginal\tcopy\tcopy_quality\n";
    for (int i = 0; i < count; ++i) {
        const auto k = static_cast<std::size_t>(i);
        if (plan.source[k] < 0) continue;
        truth << (plan.quality[k] == 0 ? "exact" : "near") << '\t' << fileName(plan.source[k]) << '\t'
              << fileName(i) << '\t' << plan.quality[k] << '\n';
    }
    truth.close();
    writeBytes(out / "stamp.txt", stampText.str().data(), stampText.str().size());
    JsonLine("generate")
        .add("dir", out.string())
        .add("files", count)
        .add("exact_copies", exact)
        .add("near_copies", near)
        .add("bytes", bytes.load())
        .add("mean_kb", bytes.load() / 1000.0 / count)
        .add("seconds", secondsSince(start))
        .add("reused", false)
        .print();
    return 0;
}

}  // namespace winnow::bench
