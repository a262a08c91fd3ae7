// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Kill safety, for real: SIGKILL winnow-cli ingest after at least one committed batch, check the SQLite
// file, import again, and compare with the catalog of an uninterrupted import.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "catalog/catalog.h"
#include "catalog/database.h"
#include "clirunner.h"
#include "fixtures.h"
#include "tempdir.h"

namespace fs = std::filesystem;
using namespace winnow;
using winnow::test::runCli;
using winnow::test::TempDir;

namespace {

/// Every stored fact of the samples and thumbnails, in id order (timestamps excluded).
std::vector<std::string> dump(const std::string& project) {
    catalog::Catalog cat = catalog::Catalog::open(project, catalog::Catalog::Mode::ReadOnly);
    std::vector<std::string> rows;
    auto st = cat.database().prepare(
        "SELECT s.id, s.dataset_id, s.uri, s.member, s.split, s.label, s.caption, s.sha512, s.byte_size, s.width, "
        "s.height, s.channels, s.format, s.phash, s.dhash, s.blur, s.brightness, s.contrast, s.status, s.error, "
        "s.blob, s.blob_offset, s.blob_size, t.width, t.height, hex(t.jpeg), t.pack_offset, t.pack_size "
        "FROM samples s LEFT JOIN thumbnails t ON t.sample_id = s.id ORDER BY s.id");
    while (st.step()) {
        std::string row;
        for (int c = 0; c < 28; ++c) row += st.text(c) + "|";
        // The thumbnail's bytes from the pack: a killed batch's bytes past the committed length must have
        // been overwritten by the same thumbnails as in the uninterrupted import.
        if (const auto thumb = cat.thumbnail(st.int64(0))) {
            static const char* digits = "0123456789abcdef";
            for (std::uint8_t b : thumb->jpeg) row += {digits[b >> 4], digits[b & 15]};
        }
        rows.push_back(std::move(row));
    }
    return rows;
}

std::int64_t committedSamples(const std::string& project) {
    try {
        catalog::Catalog cat = catalog::Catalog::open(project, catalog::Catalog::Mode::ReadOnly);
        return cat.countSamples({});
    } catch (const std::exception&) {
        return 0;  // mid-creation of the WAL: try again
    }
}

}  // namespace

TEST(KillSafety, KilledIngestIsConsistentAndCompletesToTheSameCatalog) {
    TempDir dir;
    const fs::path src = dir.path() / "images";
    fs::create_directories(src);
    const int n = 600;
    for (int i = 0; i < n; ++i) {
        char name[32];
        std::snprintf(name, sizeof name, "img%04d.%s", i, i % 3 == 0 ? "png" : "jpg");
        winnow::test::writePhoto(src / name, 96, 72, i);
    }
    winnow::test::writeBytes(src / "broken.jpg", "not a jpeg");

    // The reference: one uninterrupted import.
    const std::string reference = dir.file("reference.winnow");
    ASSERT_EQ(runCli({"create", reference}).exitCode, 0);
    auto r = runCli({"ingest", reference, src.string(), "--dataset", "d", "--batch", "16", "--threads", "1"});
    ASSERT_EQ(r.exitCode, 1) << r.err;  // the broken file
    const auto expected = dump(reference);
    ASSERT_EQ(expected.size(), static_cast<std::size_t>(n + 1));

    const std::string project = dir.file("killed.winnow");
    ASSERT_EQ(runCli({"create", project}).exitCode, 0);
    // One thread and small batches: the import takes long enough to be killed in the middle.
    const pid_t pid = winnow::test::startCli({"ingest", project, src.string(), "--dataset", "d", "--batch", "16",
                                              "--threads", "1", "--quiet"});
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    std::int64_t seen = 0;
    while (std::chrono::steady_clock::now() < deadline) {
        seen = committedSamples(project);
        if (seen >= 16) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    ASSERT_EQ(::kill(pid, SIGKILL), 0);
    int status = 0;
    ::waitpid(pid, &status, 0);
    ASSERT_GE(seen, 16) << "no batch was committed before the deadline";
    const bool killedMidway = WIFSIGNALED(status);

    {
        catalog::Catalog cat = catalog::Catalog::open(project, catalog::Catalog::Mode::ReadOnly);
        EXPECT_EQ(cat.integrityCheck(), "ok");
        const std::int64_t kept = cat.countSamples({});
        EXPECT_GE(kept, 16);
        if (killedMidway) {
            EXPECT_LT(kept, n + 1) << "the import finished before the kill; the test proves less than it should";
        }
    }

    r = runCli({"ingest", project, src.string(), "--dataset", "d", "--batch", "16", "--threads", "1"});
    ASSERT_EQ(r.exitCode, 1) << r.err;
    EXPECT_EQ(dump(project), expected);
    {
        catalog::Catalog cat = catalog::Catalog::open(project, catalog::Catalog::Mode::ReadOnly);
        EXPECT_EQ(cat.integrityCheck(), "ok");
    }
}
