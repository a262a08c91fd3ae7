// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
// bench_embedstore: the embedding store (core/curate/embeddingstore) at scale, for bench/embed_bench.py.
//
//   bench_embedstore write --project P.winnow [--rows 1000000] [--dim 512] [--chunk 65536] [--seed 1]
//   bench_embedstore load  --project P.winnow [--embedder bench] [--repeat 1]
//   bench_embedstore read  --file F [--hugepages 0|1]
//
// write creates the project P (refused when it exists) with --rows samples in one dataset (catalog::Writer),
// registers the embedder "bench" and appends --rows x --dim seeded random float32 rows through
// curate::EmbeddingWriter, committing every --chunk rows, as an embed run does. It prints the seconds of
// the sample inserts and of the appends + commits (row generation excluded), and the .f32 / .ids paths.
// load opens the project read-only and times curate::loadEmbeddings of every vector (catalog open
// included; the page cache is as the caller left it), --repeat times in this process, and, separately,
// the catalog's sample-id query that loadEmbeddings uses to drop vectors of deleted samples.
// read is a C++ reference of the bare file read: pread of the whole file F into a fresh anonymous buffer,
// with --hugepages 1 advised MADV_HUGEPAGE (transparent huge pages: one page fault per 2 MiB instead of per
// 4 KiB, which is what a first touch of fresh memory costs most on a virtual machine).
// Each prints one JSON line on stdout. Exit status: 0, 1 when something failed, 2 on bad usage.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <cstdint>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

#include "../benchargs.h"
#include "catalog/catalog.h"
#include "catalog/writer.h"
#include "curate/embeddingstore.h"

namespace winnow::bench {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

double since(Clock::time_point t) {
    return std::chrono::duration<double>(Clock::now() - t).count();
}

/// Seeded values in [-1, 1) (xorshift64*): cheap, so generating 2 GB does not dominate the run.
class Values {
public:
    explicit Values(std::uint64_t seed) : m_state(seed * 0x9E3779B97F4A7C15ull | 1) {}
    float next() {
        m_state ^= m_state >> 12;
        m_state ^= m_state << 25;
        m_state ^= m_state >> 27;
        const std::uint64_t r = m_state * 0x2545F4914F6CDD1Dull;
        return static_cast<float>(static_cast<double>(r >> 40) / 8388608.0 - 1.0);
    }

private:
    std::uint64_t m_state;
};

int runWrite(const Options& o) {
    const std::string project = o.required("project");
    const long long rows = o.integer("rows", 1000000);
    const int dim = static_cast<int>(o.integer("dim", 512));
    const long long chunk = o.integer("chunk", 65536);
    if (rows < 1 || dim < 1 || chunk < 1) throw UsageError("--rows, --dim and --chunk must be positive");
    if (fs::exists(project)) throw UsageError(project + " exists");

    auto t = Clock::now();
    {
        catalog::Catalog created = catalog::Catalog::create(project);
    }
    catalog::Catalog cat = catalog::Catalog::open(project);
    const std::int64_t datasetId = cat.ensureDataset("synthetic", "bench_embedstore", "folder");
    {
        catalog::WriterParams wp;
        wp.batchSize = 20000;
        wp.queueLimit = 40000;
        catalog::Writer writer(project, wp);
        for (long long i = 0; i < rows; ++i) {
            catalog::SampleRecord r;
            r.sample.datasetId = datasetId;
            r.sample.uri = "/synthetic/" + std::to_string(i) + ".png";
            r.sample.format = "png";
            r.sample.width = r.sample.height = 64;
            r.sample.channels = 3;
            r.sample.status = catalog::SampleStatus::Ok;
            writer.add(std::move(r));
        }
        writer.finish();
    }
    const double samplesSeconds = since(t);
    catalog::SampleFilter f;
    f.datasetId = datasetId;
    const std::vector<std::int64_t> ids = cat.sampleIds(f);
    if (static_cast<long long>(ids.size()) != rows) throw std::runtime_error("the catalog holds the wrong number of samples");

    catalog::EmbedderRecord e;
    e.name = "bench";
    e.identityJson = R"({"kind":"bench_embedstore","version":1})";
    e.dim = dim;
    e.id = cat.addEmbedder(e);

    Values values(static_cast<std::uint64_t>(o.integer("seed", 1)));
    std::vector<float> block;
    double writeSeconds = 0;
    {
        curate::EmbeddingWriter writer(cat, datasetId, e);
        for (long long at = 0; at < rows; at += chunk) {
            const long long n = std::min(chunk, rows - at);
            block.resize(static_cast<std::size_t>(n) * dim);
            for (float& v : block) v = values.next();
            t = Clock::now();
            writer.append(ids.data() + at, block.data(), static_cast<std::size_t>(n));
            writer.commit();
            writeSeconds += since(t);
        }
    }
    const std::string stem = cat.dataDir() + "/" + curate::embeddingStem(e.name, datasetId);
    std::printf("{\"op\": \"write\", \"rows\": %lld, \"dim\": %d, \"samples_seconds\": %.4f, \"write_seconds\": %.4f, "
                "\"write_gb_per_s\": %.4f, \"project\": \"%s\", \"f32\": \"%s\", \"ids\": \"%s\"}\n",
                rows, dim, samplesSeconds, writeSeconds, static_cast<double>(rows) * dim * 4 / 1e9 / writeSeconds,
                fs::absolute(project).string().c_str(), (stem + ".f32").c_str(), (stem + ".ids").c_str());
    return 0;
}

int runLoad(const Options& o) {
    const std::string project = o.required("project");
    const std::string embedder = o.text("embedder", "bench");
    const long long repeat = std::max(1LL, o.integer("repeat", 1));
    std::vector<double> seconds;
    long long rows = 0;
    int dim = 0;
    double checksum = 0;
    for (long long r = 0; r < repeat; ++r) {
        const auto t = Clock::now();
        const catalog::Catalog cat = catalog::Catalog::open(project, catalog::Catalog::Mode::ReadOnly);
        const curate::EmbeddingTable table = curate::loadEmbeddings(cat, embedder);
        seconds.push_back(since(t));
        rows = table.X.rows;
        dim = table.X.cols;
        // Touch a value per row so the copy cannot be skipped, and the result is checked.
        checksum = 0;
        for (long long i = 0; i < rows; ++i) checksum += table.X.data[static_cast<std::size_t>(i) * dim + i % dim];
    }
    const catalog::Catalog cat = catalog::Catalog::open(project, catalog::Catalog::Mode::ReadOnly);
    const auto t = Clock::now();
    const std::size_t samples = cat.sampleIds().size();
    const double idSeconds = since(t);
    double best = seconds[0];
    for (double s : seconds) best = std::min(best, s);
    std::printf("{\"op\": \"load\", \"rows\": %lld, \"dim\": %d, \"first_seconds\": %.4f, \"best_seconds\": %.4f, "
                "\"gb_per_s\": %.4f, \"sample_id_query_seconds\": %.4f, \"samples\": %zu, \"checksum\": %.6g}\n",
                rows, dim, seconds[0], best, static_cast<double>(rows) * dim * 4 / 1e9 / best, idSeconds, samples,
                checksum);
    return 0;
}

int runRead(const Options& o) {
    const std::string path = o.required("file");
    const bool huge = o.integer("hugepages", 0) != 0;
    const auto t = Clock::now();
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) throw std::runtime_error("cannot open " + path);
    const off_t size = ::lseek(fd, 0, SEEK_END);
    const std::size_t n = static_cast<std::size_t>(size);
    void* map = ::mmap(nullptr, n, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (map == MAP_FAILED) throw std::runtime_error("out of memory");
    char* buffer = static_cast<char*>(map);
    if (huge) ::madvise(buffer, n, MADV_HUGEPAGE);
    std::size_t done = 0;
    while (done < n) {
        const ssize_t got = ::pread(fd, buffer + done, n - done, static_cast<off_t>(done));
        if (got <= 0) throw std::runtime_error("cannot read " + path);
        done += static_cast<std::size_t>(got);
    }
    ::close(fd);
    const double seconds = since(t);
    double checksum = 0;
    for (std::size_t i = 0; i + sizeof(float) <= n; i += 1 << 20) {
        float v;
        std::memcpy(&v, buffer + i, sizeof v);
        checksum += v;
    }
    ::munmap(map, n);
    std::printf("{\"op\": \"read\", \"bytes\": %zu, \"hugepages\": %s, \"seconds\": %.4f, \"gb_per_s\": %.4f, "
                "\"checksum\": %.6g}\n",
                n, huge ? "true" : "false", seconds, static_cast<double>(n) / 1e9 / seconds, checksum);
    return 0;
}

}  // namespace
}  // namespace winnow::bench

int main(int argc, char** argv) {
    using namespace winnow::bench;
    return runSubcommand(argc, argv, "bench_embedstore", {{"write", runWrite}, {"load", runLoad}, {"read", runRead}});
}
