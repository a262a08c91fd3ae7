// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Per-file baselines over a folder of images, each on `--threads` threads (default: all cores), files
// read as the ingest pool reads them (ingest::FileBuffer, one per thread): `hash` (SHA-512, optionally written as sha512sum lines for checking;
// --in-memory 1 times SHA-512 alone over files read beforehand: the ceiling),
// `decode` (cv::imdecode, full or DCT-reduced: the decode ceiling of ingest) and `analyze`
// (imageio::analyzeEncoded: everything ingest computes per image, without the catalog).
#include <cstdio>
#include <fstream>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

#include "imageio/analyze.h"
#include "imageio/hashing.h"
#include "imageio/image.h"
#include "ingest/filereader.h"
#include "subcommands.h"

namespace winnow::bench {
namespace {

struct Folder {
    std::vector<std::string> files;
    int threads = 1;
};

Folder openFolder(const Options& o) {
    const std::string dir = o.text("dir");
    if (dir.empty()) throw UsageError("needs --dir DIR");
    Folder f{listImages(dir), resolveThreads(o.integer("threads", 0))};
    if (f.files.empty()) throw UsageError("no images in " + dir);
    return f;
}

std::vector<std::uint8_t> readOrThrow(const std::string& path) {
    std::string error;
    std::vector<std::uint8_t> bytes = ingest::readFile(path, 1LL << 30, error);
    if (!error.empty()) throw std::runtime_error(path + ": " + error);
    return bytes;
}

/// As the ingest pool reads: into one reusable buffer per thread (ingest::FileBuffer).
const ingest::FileBuffer& readReused(const std::string& path) {
    thread_local ingest::FileBuffer buffer;
    std::string error;
    if (!buffer.read(path, 1LL << 30, error)) throw std::runtime_error(path + ": " + error);
    return buffer;
}

void printRate(const char* op, const Folder& f, double seconds, long long bytes) {
    JsonLine(op)
        .add("files", f.files.size())
        .add("threads", f.threads)
        .add("bytes", bytes)
        .add("seconds", seconds)
        .add("files_per_s", static_cast<double>(f.files.size()) / seconds)
        .add("mb_per_s", static_cast<double>(bytes) / 1e6 / seconds)
        .print();
}

int reducedFlag(long long reduction) {
    switch (reduction) {
    case 1: return cv::IMREAD_COLOR;
    case 2: return cv::IMREAD_REDUCED_COLOR_2;
    case 4: return cv::IMREAD_REDUCED_COLOR_4;
    case 8: return cv::IMREAD_REDUCED_COLOR_8;
    default: throw UsageError("--reduction must be 1, 2, 4 or 8");
    }
}

}  // namespace

int runHash(const Options& o) {
    const Folder f = openFolder(o);
    std::vector<std::string> digests(f.files.size());
    std::atomic<long long> bytes{0};
    if (o.integer("in-memory", 0) != 0) {  // the ceiling: files read first, only SHA-512 is timed
        std::vector<std::vector<std::uint8_t>> contents(f.files.size());
        parallelFor(f.files.size(), f.threads, [&](std::size_t i) { contents[i] = readOrThrow(f.files[i]); });
        const auto start = std::chrono::steady_clock::now();
        parallelFor(f.files.size(), f.threads, [&](std::size_t i) {
            digests[i] = imageio::sha512Hex(contents[i].data(), contents[i].size());
            bytes += static_cast<long long>(contents[i].size());
        });
        printRate("hash-in-memory", f, secondsSince(start), bytes.load());
        return 0;
    }
    const auto start = std::chrono::steady_clock::now();
    parallelFor(f.files.size(), f.threads, [&](std::size_t i) {
        const ingest::FileBuffer& data = readReused(f.files[i]);
        digests[i] = imageio::sha512Hex(data.data(), data.size());
        bytes += static_cast<long long>(data.size());
    });
    const double seconds = secondsSince(start);
    if (o.has("output")) {  // after the clock stopped: the same format as sha512sum, for checking
        std::ofstream out(o.text("output"), std::ios::trunc);
        for (std::size_t i = 0; i < f.files.size(); ++i) out << digests[i] << "  " << f.files[i] << '\n';
    }
    printRate("hash", f, seconds, bytes.load());
    return 0;
}

int runDecode(const Options& o) {
    const Folder f = openFolder(o);
    const long long reduction = o.integer("reduction", 2);
    const int flag = reducedFlag(reduction);
    imageio::configureThreads();  // as ingest: OpenCV single-threaded inside each worker
    std::atomic<long long> bytes{0};
    std::atomic<long long> pixels{0};
    const auto start = std::chrono::steady_clock::now();
    parallelFor(f.files.size(), f.threads, [&](std::size_t i) {
        const ingest::FileBuffer& data = readReused(f.files[i]);
        const cv::Mat decoded = cv::imdecode(
            cv::Mat(1, static_cast<int>(data.size()), CV_8U, const_cast<std::uint8_t*>(data.data())), flag);
        if (decoded.empty()) throw std::runtime_error(f.files[i] + ": cannot decode");
        bytes += static_cast<long long>(data.size());
        pixels += static_cast<long long>(decoded.total());
    });
    const double seconds = secondsSince(start);
    JsonLine line("decode");
    line.add("reduction", reduction).add("files", f.files.size()).add("threads", f.threads).add("seconds", seconds);
    line.add("files_per_s", static_cast<double>(f.files.size()) / seconds)
        .add("mb_per_s", static_cast<double>(bytes.load()) / 1e6 / seconds)
        .add("decoded_mpix_per_s", static_cast<double>(pixels.load()) / 1e6 / seconds)
        .print();
    return 0;
}

int runAnalyze(const Options& o) {
    const Folder f = openFolder(o);
    imageio::configureThreads();
    std::atomic<long long> bytes{0};
    std::atomic<long long> failed{0};
    const auto start = std::chrono::steady_clock::now();
    parallelFor(f.files.size(), f.threads, [&](std::size_t i) {
        const ingest::FileBuffer& data = readReused(f.files[i]);
        const imageio::Analysis a = imageio::analyzeEncoded(data.data(), data.size());
        if (!a.ok) ++failed;
        bytes += static_cast<long long>(data.size());
    });
    const double seconds = secondsSince(start);
    printRate("analyze", f, seconds, bytes.load());
    return failed.load() == 0 ? 0 : 1;
}

}  // namespace winnow::bench
