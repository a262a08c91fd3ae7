// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
// `bench_ingest idx --dir DIR`: the baseline of IDX ingest. Reads and gunzips every
// *-images-idx3-ubyte[.gz] file in DIR (zlib, one file after the other, as the IDX source does) and
// SHA-512-hashes each record on `--threads` threads. With --analyze 1 it also times
// imageio::analyzeRaw over every record (ingest's per-record work without the catalog).
#include <zlib.h>

#include <algorithm>
#include <filesystem>

#include "imageio/analyze.h"
#include "imageio/hashing.h"
#include "subcommands.h"

namespace fs = std::filesystem;

namespace winnow::bench {
namespace {

struct IdxImages {
    std::vector<std::uint8_t> data;  ///< decompressed file, header included
    std::size_t count = 0;
    int rows = 0;
    int cols = 0;
    const std::uint8_t* record(std::size_t i) const { return data.data() + 16 + i * rows * cols; }
};

std::uint32_t bigEndian32(const std::uint8_t* p) {
    return (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) | (std::uint32_t{p[2]} << 8) | p[3];
}

IdxImages loadIdx(const std::string& path) {
    gzFile file = gzopen(path.c_str(), "rb");
    if (!file) throw std::runtime_error("cannot open " + path);
    gzbuffer(file, 1 << 17);
    IdxImages idx;
    std::size_t used = 0;
    for (;;) {
        if (idx.data.size() - used < (1u << 20)) idx.data.resize(std::max<std::size_t>(idx.data.size() * 2, 1u << 22));
        const int got = gzread(file, idx.data.data() + used, static_cast<unsigned>(idx.data.size() - used));
        if (got < 0) {
            gzclose(file);
            throw std::runtime_error(path + ": cannot decompress");
        }
        if (got == 0) break;
        used += static_cast<std::size_t>(got);
    }
    gzclose(file);
    idx.data.resize(used);
    if (used < 16 || bigEndian32(idx.data.data()) != 0x803) throw std::runtime_error(path + ": not an IDX images file");
    idx.count = bigEndian32(idx.data.data() + 4);
    idx.rows = static_cast<int>(bigEndian32(idx.data.data() + 8));
    idx.cols = static_cast<int>(bigEndian32(idx.data.data() + 12));
    if (16 + idx.count * idx.rows * idx.cols > used) throw std::runtime_error(path + ": truncated");
    return idx;
}

std::vector<std::string> idxFiles(const std::string& dir) {
    std::vector<std::string> files;
    for (const auto& entry : fs::directory_iterator(dir)) {
        const std::string name = entry.path().filename().string();
        if (name.find("-images-idx3-ubyte") != std::string::npos) files.push_back(entry.path().string());
    }
    std::sort(files.begin(), files.end());
    if (files.empty()) throw UsageError("no *-images-idx3-ubyte[.gz] file in " + dir);
    return files;
}

}  // namespace

int runIdx(const Options& o) {
    const std::string dir = o.text("dir");
    if (dir.empty()) throw UsageError("idx needs --dir DIR");
    const int threads = resolveThreads(o.integer("threads", 0));
    const std::vector<std::string> files = idxFiles(dir);

    const auto start = std::chrono::steady_clock::now();
    std::vector<IdxImages> sets;
    for (const std::string& f : files) sets.push_back(loadIdx(f));
    const double readSeconds = secondsSince(start);
    std::size_t records = 0;
    for (const IdxImages& s : sets) {
        std::vector<std::string> digests(s.count);
        parallelFor(s.count, threads, [&](std::size_t i) {
            digests[i] = imageio::sha512Hex(s.record(i), static_cast<std::size_t>(s.rows) * s.cols);
        });
        records += s.count;
    }
    const double seconds = secondsSince(start);

    JsonLine line("idx");
    line.add("files", files.size()).add("records", records).add("threads", threads);
    line.add("read_seconds", readSeconds).add("seconds", seconds).add("records_per_s", records / seconds);
    if (o.integer("analyze", 0) != 0) {
        imageio::configureThreads();
        std::atomic<long long> failed{0};
        const auto analyzeStart = std::chrono::steady_clock::now();
        for (const IdxImages& s : sets) {
            parallelFor(s.count, threads, [&](std::size_t i) {
                if (!imageio::analyzeRaw(s.record(i), s.cols, s.rows, 1).ok) ++failed;
            });
        }
        const double analyzeSeconds = secondsSince(analyzeStart) + readSeconds;
        line.add("analyze_seconds", analyzeSeconds).add("analyze_records_per_s", records / analyzeSeconds);
        line.add("analyze_failed", failed.load());
    }
    line.print();
    return 0;
}

}  // namespace winnow::bench
