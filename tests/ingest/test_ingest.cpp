// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <sys/stat.h>

#include <archive.h>
#include <archive_entry.h>
#include <gtest/gtest.h>
#include <zlib.h>

#include <filesystem>
#include <fstream>

#include "catalog/catalog.h"
#include "common/error.h"
#include "fixtures.h"
#include "imageio/hashing.h"
#include "ingest/filereader.h"
#include "ingest/ingest.h"
#include "tempdir.h"

namespace fs = std::filesystem;
using namespace winnow;
using winnow::test::TempDir;

namespace {

void putBE32(std::string& s, std::uint32_t v) {
    for (int shift = 24; shift >= 0; shift -= 8) s += static_cast<char>((v >> shift) & 0xFF);
}

/// Writes a gzipped IDX images file (n records of rows x cols) and its labels file.
std::vector<std::string> writeIdx(const fs::path& dir, const std::string& prefix, int n, int rows, int cols) {
    std::string images, labels;
    putBE32(images, 0x00000803);
    putBE32(images, n);
    putBE32(images, rows);
    putBE32(images, cols);
    putBE32(labels, 0x00000801);
    putBE32(labels, n);
    std::vector<std::string> records;
    const int salt = static_cast<int>(prefix.size()) * 31;  // train and t10k records differ
    for (int i = 0; i < n; ++i) {
        std::string rec(static_cast<std::size_t>(rows * cols), '\0');
        for (int p = 0; p < rows * cols; ++p) rec[p] = static_cast<char>((p * (i + 3) + i * 17 + salt) % 256);
        if (i == n - 1) rec = records.front();  // an exact duplicate record
        records.push_back(rec);
        images += rec;
        labels += static_cast<char>(i % 10);
    }
    auto gz = [](const fs::path& path, const std::string& bytes) {
        gzFile f = gzopen(path.c_str(), "wb");
        gzwrite(f, bytes.data(), static_cast<unsigned>(bytes.size()));
        gzclose(f);
    };
    gz(dir / (prefix + "-images-idx3-ubyte.gz"), images);
    gz(dir / (prefix + "-labels-idx1-ubyte.gz"), labels);
    return records;
}

/// Cancels once it has been asked `after` times (ingest asks at least once per item).
class Canceler : public Progress {
public:
    explicit Canceler(std::int64_t after) : m_after(after) {}
    bool isCanceled() const override { return ++m_asked > m_after; }
    void report(std::int64_t, std::int64_t, std::string_view) override {}

private:
    std::int64_t m_after;
    mutable std::int64_t m_asked = 0;
};

}  // namespace

TEST(Ingest, IdxFolderGivesTwoSplitsAndStoresPixels) {
    TempDir dir;
    const fs::path src = dir.path() / "mnist";
    fs::create_directories(src);
    const auto train = writeIdx(src, "train", 30, 28, 28);
    writeIdx(src, "t10k", 10, 28, 28);
    const std::string project = dir.file("p.winnow");
    catalog::Catalog::create(project);
    auto report = ingest::ingest(project, src.string());
    EXPECT_EQ(report.format, "idx");
    EXPECT_EQ(report.dataset, "mnist");
    EXPECT_EQ(report.imported, 40);
    EXPECT_EQ(report.failed, 0);

    catalog::Catalog cat = catalog::Catalog::open(project, catalog::Catalog::Mode::ReadOnly);
    EXPECT_EQ(cat.splits(), (std::vector<std::string>{"test", "train"}));
    catalog::SampleFilter f;
    f.split = "train";
    auto samples = cat.samples(f);
    ASSERT_EQ(samples.size(), 30u);
    for (std::size_t i = 0; i < samples.size(); ++i) {
        const auto& s = samples[i];
        EXPECT_EQ(s.member, std::to_string(i));
        EXPECT_EQ(s.label, std::to_string(i % 10));
        EXPECT_EQ(s.format, "raw");
        EXPECT_EQ(s.width, 28);
        EXPECT_EQ(s.channels, 1);
        EXPECT_EQ(s.sha512, imageio::sha512Hex(train[i].data(), train[i].size()));
        // The stored pixels are the record's bytes.
        std::ifstream in(fs::path(cat.dataDir()) / s.blob, std::ios::binary);
        in.seekg(s.blobOffset);
        std::string got(static_cast<std::size_t>(s.blobSize), '\0');
        in.read(got.data(), s.blobSize);
        EXPECT_EQ(got, train[i]) << i;
        EXPECT_TRUE(cat.thumbnail(s.id));
    }
    // In each file the last record duplicates record 0: two exact groups of two.
    auto groups = cat.exactDuplicateGroups();
    ASSERT_EQ(groups.size(), 2u);
    EXPECT_EQ(groups[1].sampleIds, (std::vector<std::int64_t>{samples[0].id, samples[29].id}));  // t10k comes first

    auto again = ingest::ingest(project, src.string());
    EXPECT_EQ(again.skipped, 40);
    EXPECT_EQ(again.imported, 0);
}

TEST(Ingest, TarShardMembersWithCaptionsAndLabels) {
    TempDir dir;
    const fs::path img = dir.path() / "a.jpg";
    winnow::test::writePhoto(img, 64, 48, 3);
    const std::string jpeg = winnow::test::readBytes(img);
    const fs::path shard = dir.path() / "shard-000000.tar";
    {
        archive* a = archive_write_new();
        archive_write_set_format_pax_restricted(a);
        archive_write_open_filename(a, shard.c_str());
        auto add = [&](const std::string& name, const std::string& bytes) {
            archive_entry* e = archive_entry_new();
            archive_entry_set_pathname(e, name.c_str());
            archive_entry_set_size(e, static_cast<la_int64_t>(bytes.size()));
            archive_entry_set_filetype(e, AE_IFREG);
            archive_entry_set_perm(e, 0644);
            archive_write_header(a, e);
            archive_write_data(a, bytes.data(), bytes.size());
            archive_entry_free(e);
        };
        add("s0001.jpg", jpeg);
        add("s0001.txt", "a red circle");
        add("s0001.cls", "7");
        add("s0002.jpg", "garbage bytes");
        archive_write_close(a);
        archive_write_free(a);
    }
    const std::string project = dir.file("p.winnow");
    catalog::Catalog::create(project);
    auto report = ingest::ingest(project, shard.string());
    EXPECT_EQ(report.format, "tar");
    EXPECT_EQ(report.imported, 1);
    EXPECT_EQ(report.failed, 1);
    catalog::Catalog cat = catalog::Catalog::open(project, catalog::Catalog::Mode::ReadOnly);
    catalog::SampleFilter ok;
    ok.status = catalog::SampleStatus::Ok;
    auto s = cat.samples(ok);
    ASSERT_EQ(s.size(), 1u);
    EXPECT_EQ(s[0].member, "s0001.jpg");
    EXPECT_EQ(s[0].caption, "a red circle");
    EXPECT_EQ(s[0].label, "7");
    EXPECT_EQ(s[0].sha512, imageio::sha512Hex(jpeg.data(), jpeg.size()));
    EXPECT_EQ(s[0].width, 64);
}

TEST(Ingest, CancelStopsEarlyAndKeepsAConsistentPrefix) {
    TempDir dir;
    const fs::path src = dir.path() / "many";
    fs::create_directories(src);
    for (int i = 0; i < 300; ++i) {
        char name[32];
        std::snprintf(name, sizeof name, "i%03d.png", i);
        winnow::test::writePhoto(src / name, 48, 32, i);
    }
    const std::string project = dir.file("p.winnow");
    catalog::Catalog::create(project);
    ingest::IngestParams params;
    params.threads = 1;
    params.batchSize = 8;
    Canceler cancel(20);
    auto report = ingest::ingest(project, src.string(), params, cancel);
    EXPECT_TRUE(report.canceled);
    EXPECT_LT(report.seen, 300);
    catalog::Catalog cat = catalog::Catalog::open(project, catalog::Catalog::Mode::ReadOnly);
    const auto kept = cat.countSamples();
    EXPECT_EQ(kept, report.imported);
    // What was kept is the first `kept` files in source order.
    auto samples = cat.samples();
    for (std::size_t i = 0; i < samples.size(); ++i) {
        char name[32];
        std::snprintf(name, sizeof name, "i%03d.png", static_cast<int>(i));
        EXPECT_EQ(fs::path(samples[i].uri).filename(), name);
    }
    // Finishing later completes the import.
    auto rest = ingest::ingest(project, src.string(), params);
    EXPECT_EQ(rest.skipped, kept);
    EXPECT_EQ(cat.countSamples(), 300);
}

TEST(Ingest, MissingSourceAndMissingProjectAreFatal) {
    TempDir dir;
    const std::string project = dir.file("p.winnow");
    catalog::Catalog::create(project);
    EXPECT_THROW(ingest::ingest(project, dir.file("nothing-here")), Error);
    fs::create_directories(dir.path() / "empty");
    EXPECT_THROW(ingest::ingest(dir.file("nope.winnow"), (dir.path() / "empty").string()), Error);
}

TEST(Ingest, LabelNamesReplaceClassIndices) {
    TempDir dir;
    const fs::path src = dir.path() / "digits";
    fs::create_directories(src);
    writeIdx(src, "train", 12, 8, 8);
    const std::string project = dir.file("p.winnow");
    catalog::Catalog::create(project);
    ingest::IngestParams params;
    params.labelNames = {"zero", "one", "two"};  // labels 3-9 have no name and stay numeric
    ingest::ingest(project, src.string(), params);
    catalog::Catalog cat = catalog::Catalog::open(project, catalog::Catalog::Mode::ReadOnly);
    auto samples = cat.samples();
    ASSERT_EQ(samples.size(), 12u);
    EXPECT_EQ(samples[0].label, "zero");
    EXPECT_EQ(samples[2].label, "two");
    EXPECT_EQ(samples[3].label, "3");
    EXPECT_EQ(samples[11].label, "one");
}

TEST(FileBuffer, ReadsWholeFilesIntoReusedMemoryAndReportsErrors) {
    TempDir dir;
    const auto write = [&](const std::string& name, const std::string& bytes) {
        std::ofstream(dir.file(name), std::ios::binary) << bytes;
        return dir.file(name);
    };
    std::string big(300000, '\0');
    for (std::size_t i = 0; i < big.size(); ++i) big[i] = static_cast<char>(i * 7 % 251);
    const std::string bigPath = write("big.bin", big);
    const std::string smallPath = write("small.bin", "abc");
    const std::string emptyPath = write("empty.bin", "");

    ingest::FileBuffer buffer;
    std::string error;
    ASSERT_TRUE(buffer.read(bigPath, 1 << 20, error)) << error;
    EXPECT_EQ(std::string(reinterpret_cast<const char*>(buffer.data()), buffer.size()), big);
    const std::uint8_t* memory = buffer.data();
    ASSERT_TRUE(buffer.read(smallPath, 1 << 20, error)) << error;
    EXPECT_EQ(buffer.data(), memory);  // the same block, reused
    EXPECT_EQ(std::string(reinterpret_cast<const char*>(buffer.data()), buffer.size()), "abc");
    ASSERT_TRUE(buffer.read(emptyPath, 1 << 20, error)) << error;
    EXPECT_EQ(buffer.size(), 0u);

    // The same messages as readFile, and nothing left behind from the previous file.
    EXPECT_FALSE(buffer.read(dir.file("missing.bin"), 1 << 20, error));
    EXPECT_EQ(error, "file not found");
    EXPECT_EQ(buffer.size(), 0u);
    EXPECT_FALSE(buffer.read(bigPath, 1000, error));
    EXPECT_EQ(error, "file too large (300000 bytes, limit 1000)");
    EXPECT_FALSE(buffer.read(dir.path().string(), 1 << 20, error));
    EXPECT_EQ(error, "not a regular file");
    const std::string fifo = dir.file("pipe.jpg");  // a FIFO must be refused, not block the reader
    ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
    EXPECT_FALSE(buffer.read(fifo, 1 << 20, error));
    EXPECT_EQ(error, "not a regular file");
    std::string readFileError;
    EXPECT_TRUE(ingest::readFile(dir.path().string(), 1 << 20, readFileError).empty());
    EXPECT_EQ(readFileError, error);

    // trim frees a block above the limit only.
    ASSERT_TRUE(buffer.read(bigPath, 1 << 20, error));
    buffer.trim(1 << 20);
    EXPECT_EQ(buffer.size(), big.size());
    buffer.trim(1000);
    EXPECT_EQ(buffer.size(), 0u);
    EXPECT_EQ(buffer.data(), nullptr);
    EXPECT_EQ(ingest::readFile(bigPath, 1 << 20, error), std::vector<std::uint8_t>(big.begin(), big.end()));
}
