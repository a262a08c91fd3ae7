// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
// bench_embed: the built-in embedder on Fashion-MNIST.
//
//   bench_embed [--data DIR] [--train N] [--test N] [--fit N] [--threads T] [--dim D] [--shrink S]
//               [--jpeg-count N] [--jpeg-quality Q] [--baseline 0|1] [--repeat R] [--out DIR]
//               [--photos FILE,FILE,... --crops N]
//
// Fits the embedder on --fit training images spread evenly over the first --train, then embeds the
// --train and --test images in batches of batchSize() (timed: best of --repeat, wall and CPU), and
// --jpeg-count test images re-encoded with imageio::encodeJpeg at --jpeg-quality and decoded again.
// Prints one JSON object: throughput, k-NN (k = 10) accuracy of the test labels from the training
// embeddings, retrieval@1 of each JPEG query among the original test images, and, with --baseline 1,
// the same k-NN accuracy for PCA-50 of the raw pixels (the baseline; fitted on all --train images).
// With --out DIR it writes train.npy, test.npy, jpeg.npy (float32 embeddings) for bench/embed_bench.py.
// With --photos and --crops N > 0 it also measures colour photographs: N seeded random square crops (side
// 64 px to half the shorter side) of the given photos, shrunk to at most 128 px, are fitted on and
// embedded; each crop's JPEG re-encode (quality --jpeg-quality and 30) and the JPEG of it shrunk to 64 px
// are queried against all crops ("photo_*" keys), with PCA-50 of 32 x 32 RGB thumbnails as the baseline.
// Exit status: 0, 2 on bad usage or unreadable data.
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <random>
#include <string>
#include <vector>

#include "embed/builtin.h"
#include "evaluate.h"
#include "imageio/image.h"
#include "select/matrix.h"

using namespace winnow;
using embedtest::RowMatrix;

namespace {

struct Options {
    std::string data = "/usr/share/datasets/fashion-mnist";
    std::int64_t train = 60000;
    std::int64_t test = 10000;
    std::int64_t fit = 10000;
    int threads = 0;
    int dim = 128;
    double shrink = -1.0;
    std::int64_t jpegCount = 2000;
    int jpegQuality = 75;
    bool baseline = true;
    int repeat = 1;
    std::string out;
    std::vector<std::string> photos;
    std::int64_t crops = 0;
};

[[noreturn]] void usage(const std::string& message) {
    std::cerr
        << "bench_embed: " << message << "\n"
        << "usage: bench_embed [--data DIR] [--train N] [--test N] [--fit N] [--threads T] [--dim D]"
           " [--shrink S] [--jpeg-count N] [--jpeg-quality Q] [--baseline 0|1] [--repeat R] [--out DIR]"
           " [--photos FILE,FILE,... --crops N]\n";
    std::exit(2);
}

Options parseOptions(int argc, char** argv) {
    Options o;
    for (int k = 1; k < argc; ++k) {
        const std::string arg = argv[k];
        if (arg == "--help" || arg == "-h") usage("help");
        if (k + 1 >= argc) usage("missing value after " + arg);
        const std::string value = argv[++k];
        try {
            if (arg == "--data")
                o.data = value;
            else if (arg == "--train")
                o.train = std::stoll(value);
            else if (arg == "--test")
                o.test = std::stoll(value);
            else if (arg == "--fit")
                o.fit = std::stoll(value);
            else if (arg == "--threads")
                o.threads = std::stoi(value);
            else if (arg == "--dim")
                o.dim = std::stoi(value);
            else if (arg == "--shrink")
                o.shrink = std::stod(value);
            else if (arg == "--jpeg-count")
                o.jpegCount = std::stoll(value);
            else if (arg == "--jpeg-quality")
                o.jpegQuality = std::stoi(value);
            else if (arg == "--baseline")
                o.baseline = std::stoi(value) != 0;
            else if (arg == "--repeat")
                o.repeat = std::max(1, std::stoi(value));
            else if (arg == "--out")
                o.out = value;
            else if (arg == "--crops")
                o.crops = std::stoll(value);
            else if (arg == "--photos") {
                std::size_t start = 0;
                while (start <= value.size()) {
                    const std::size_t comma = std::min(value.find(',', start), value.size());
                    if (comma > start) o.photos.push_back(value.substr(start, comma - start));
                    start = comma + 1;
                }
            } else
                usage("unknown option " + arg);
        } catch (const std::logic_error&) {
            usage("bad value for " + arg + ": " + value);
        }
    }
    return o;
}

double cpuSeconds() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return u.ru_utime.tv_sec + u.ru_stime.tv_sec + 1e-6 * (u.ru_utime.tv_usec + u.ru_stime.tv_usec);
}

double now() {
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

RowMatrix embedAll(embed::Embedder& e, const std::vector<imageio::Image>& images) {
    RowMatrix out(static_cast<Eigen::Index>(images.size()), e.dim());
    const std::size_t batch = static_cast<std::size_t>(e.batchSize());
    std::vector<imageio::Image> chunk;
    for (std::size_t begin = 0; begin < images.size(); begin += batch) {
        const std::size_t end = std::min(images.size(), begin + batch);
        chunk.assign(images.begin() + begin, images.begin() + end);
        e.embed(chunk, out.data() + begin * e.dim());
    }
    return out;
}

void saveRows(const std::string& path, const RowMatrix& m) {
    select::Matrix s;
    s.rows = m.rows();
    s.cols = static_cast<int>(m.cols());
    s.data.assign(m.data(), m.data() + m.size());
    select::saveNpy(path, s);
}

imageio::Image jpegRoundTrip(const imageio::Image& image, int quality) {
    const auto bytes = imageio::encodeJpeg(image, quality);
    return imageio::decode(bytes.data(), bytes.size());
}

std::vector<imageio::Image> jpegRoundTrips(const std::vector<imageio::Image>& images, int quality,
                                           int maxSide = 0) {
    std::vector<imageio::Image> out;
    for (const auto& im : images)
        out.push_back(jpegRoundTrip(maxSide > 0 ? imageio::shrinkToFit(im, maxSide) : im, quality));
    return out;
}

imageio::Image readImage(const std::string& path) {
    std::ifstream file(path, std::ios::binary);
    if (!file) throw std::runtime_error("cannot open " + path);
    const std::vector<std::uint8_t> bytes((std::istreambuf_iterator<char>(file)),
                                          std::istreambuf_iterator<char>());
    return imageio::decode(bytes.data(), bytes.size());
}

/// The photo measures as JSON members (leading comma), or "" without --photos.
std::string photoMeasures(const Options& o, const embed::BuiltinParams& params) {
    if (o.photos.empty() || o.crops <= 0) return "";
    std::vector<imageio::Image> photos;
    for (const auto& p : o.photos) photos.push_back(readImage(p));
    std::mt19937_64 rng(20260301);
    std::vector<imageio::Image> crops;
    for (std::int64_t i = 0; i < o.crops; ++i) {
        const imageio::Image& src = photos[static_cast<std::size_t>(i) % photos.size()];
        const int maxSide = std::max(64, std::min(src.width, src.height) / 2);
        const int side = 64 + static_cast<int>(rng() % static_cast<std::uint64_t>(maxSide - 64 + 1));
        const int x0 = static_cast<int>(rng() % static_cast<std::uint64_t>(src.width - side + 1));
        const int y0 = static_cast<int>(rng() % static_cast<std::uint64_t>(src.height - side + 1));
        imageio::Image c;
        c.width = c.height = side;
        c.channels = src.channels;
        c.pixels.resize(static_cast<std::size_t>(side) * side * c.channels);
        for (int y = 0; y < side; ++y) {
            std::copy_n(
                src.pixels.data() + ((static_cast<std::size_t>(y0) + y) * src.width + x0) * src.channels,
                static_cast<std::size_t>(side) * c.channels,
                c.pixels.data() + static_cast<std::size_t>(y) * side * c.channels);
        }
        crops.push_back(imageio::shrinkToFit(c, 128));
    }
    embed::BuiltinEmbedder e(params);
    e.beginFit();
    e.addFitImages(crops);
    e.endFit();
    const RowMatrix base = embedAll(e, crops);
    std::vector<imageio::Image> thumbs;
    for (const auto& c : crops) thumbs.push_back(imageio::shrinkToFit(c, 32));
    const RowMatrix basePixelRows = embedtest::pixelRows(thumbs);
    const embedtest::Pca pca = embedtest::fitPca(basePixelRows, 50);
    const RowMatrix baseP = pca.project(basePixelRows);
    std::string json;
    char buffer[256];
    const std::pair<const char*, std::vector<imageio::Image>> variants[] = {
        {"jpeg", jpegRoundTrips(crops, o.jpegQuality)},
        {"jpeg30", jpegRoundTrips(crops, 30)},
        {"small_jpeg", jpegRoundTrips(crops, o.jpegQuality, 64)},
    };
    for (const auto& [name, queries] : variants) {
        std::vector<imageio::Image> qthumbs;
        for (const auto& q : queries) qthumbs.push_back(imageio::shrinkToFit(q, 32));
        RowMatrix ours = embedAll(e, queries);
        if (!o.out.empty()) {
            std::filesystem::create_directories(o.out);
            saveRows(o.out + "/photo_" + name + ".npy", ours);
            saveRows(o.out + "/photo_base.npy", base);
            saveRows(o.out + "/photo_thumbs.npy", basePixelRows);
        }
        const RowMatrix queryP = pca.project(embedtest::pixelRows(qthumbs));
        std::snprintf(buffer, sizeof buffer,
                      ",\"photo_%s_retrieval_at_1\":%.4f,\"photo_%s_pca50_retrieval_at_1\":%.4f", name,
                      embedtest::retrievalAt1(base, ours), name, embedtest::retrievalAt1(baseP, queryP));
        json += buffer;
    }
    return json + ",\"photo_crops\":" + std::to_string(crops.size());
}

}  // namespace

int main(int argc, char** argv) {
    const Options o = parseOptions(argc, argv);
    embedtest::Labeled train, test;
    try {
        train = embedtest::readIdx(o.data + "/train-images-idx3-ubyte.gz", o.train);
        test = embedtest::readIdx(o.data + "/t10k-images-idx3-ubyte.gz", o.test);
    } catch (const std::exception& e) {
        std::cerr << "bench_embed: " << e.what() << "\n";
        return 2;
    }

    embed::BuiltinParams params;
    params.threads = o.threads;
    params.outputDim = o.dim;
    if (o.shrink >= 0.0) params.shrink = o.shrink;
    params.fitSampleSize = o.fit;
    embed::BuiltinEmbedder embedder(params);

    // Fit on a spread sample, streamed in batches as a caller would.
    double t0 = now();
    embedder.beginFit();
    const std::int64_t n = static_cast<std::int64_t>(train.images.size());
    const std::int64_t fitCount = std::min(o.fit, n);
    std::vector<imageio::Image> batch;
    for (std::int64_t i = 0; i < fitCount; ++i) {
        batch.push_back(train.images[static_cast<std::size_t>(i * n / fitCount)]);
        if (static_cast<int>(batch.size()) == embedder.batchSize() || i + 1 == fitCount) {
            embedder.addFitImages(batch);
            batch.clear();
        }
    }
    embedder.endFit();
    const double fitSeconds = now() - t0;

    // Embedding throughput over train + test.
    RowMatrix trainE, testE;
    double bestWall = 1e300, bestCpu = 0.0;
    for (int r = 0; r < o.repeat; ++r) {
        const double c0 = cpuSeconds();
        t0 = now();
        trainE = embedAll(embedder, train.images);
        testE = embedAll(embedder, test.images);
        const double wall = now() - t0;
        if (wall < bestWall) {
            bestWall = wall;
            bestCpu = cpuSeconds() - c0;
        }
    }
    const double total = static_cast<double>(train.images.size() + test.images.size());

    // JPEG re-encodes of test images.
    std::vector<imageio::Image> jpegs;
    const std::size_t jpegCount = std::min<std::size_t>(o.jpegCount, test.images.size());
    for (std::size_t i = 0; i < jpegCount; ++i) {
        const auto bytes = imageio::encodeJpeg(test.images[i], o.jpegQuality);
        jpegs.push_back(imageio::decode(bytes.data(), bytes.size()));
    }
    const RowMatrix jpegE = embedAll(embedder, jpegs);

    t0 = now();
    const double knn = embedtest::knnAccuracy(trainE, train.labels, testE, test.labels, 10);
    const double retrieval = embedtest::retrievalAt1(testE.topRows(jpegCount), jpegE);
    double pcaKnn = -1.0, pcaRetrieval = -1.0;
    if (o.baseline) {
        const embedtest::Pca pca = embedtest::fitPca(embedtest::pixelRows(train.images), 50);
        const RowMatrix trainP = pca.project(embedtest::pixelRows(train.images));
        const RowMatrix testP = pca.project(embedtest::pixelRows(test.images));
        const RowMatrix jpegP = pca.project(embedtest::pixelRows(jpegs));
        pcaKnn = embedtest::knnAccuracy(trainP, train.labels, testP, test.labels, 10);
        pcaRetrieval = embedtest::retrievalAt1(testP.topRows(jpegCount), jpegP);
    }
    const double evalSeconds = now() - t0;

    if (!o.out.empty()) {
        std::filesystem::create_directories(o.out);
        saveRows(o.out + "/train.npy", trainE);
        saveRows(o.out + "/test.npy", testE);
        saveRows(o.out + "/jpeg.npy", jpegE);
    }
    std::printf(
        "{\"train\":%zu,\"test\":%zu,\"fit\":%lld,\"raw_dim\":%d,\"dim\":%d,\"shrink\":%g,\"threads\":%d,"
        "\"fit_seconds\":%.3f,\"embed_seconds\":%.3f,\"embed_cpu_seconds\":%.3f,\"images_per_second\":%.1f,"
        "\"knn_accuracy\":%.4f,\"pca50_knn_accuracy\":%.4f,\"jpeg_quality\":%d,\"jpeg_count\":%zu,"
        "\"jpeg_retrieval_at_1\":%.4f,\"pca50_jpeg_retrieval_at_1\":%.4f,\"eval_seconds\":%.1f,"
        "\"identity\":%s%s}\n",
        train.images.size(), test.images.size(), static_cast<long long>(fitCount),
        embed::BuiltinEmbedder::rawDim(), embedder.dim(), params.shrink, o.threads, fitSeconds, bestWall,
        bestCpu, total / bestWall, knn, pcaKnn, o.jpegQuality, jpegCount, retrieval, pcaRetrieval,
        evalSeconds, embedder.identityJson().c_str(), photoMeasures(o, params).c_str());
    return 0;
}
