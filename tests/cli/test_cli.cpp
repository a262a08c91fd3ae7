// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
// End-to-end tests of winnow-cli on real files: JPEG/PNG written by OpenCV, broken files, a CSV manifest.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "clirunner.h"
#include "fixtures.h"
#include "tempdir.h"

namespace fs = std::filesystem;
using winnow::test::runCli;
using winnow::test::TempDir;

namespace {

/// A folder with 6 good images (one byte-identical copy, one re-encoded copy) and 4 broken files.
class CliFolder : public ::testing::Test {
protected:
    void SetUp() override {
        src = dir.path() / "photos";
        fs::create_directories(src / "sub");
        for (int i = 0; i < 4; ++i) winnow::test::writePhoto(src / ("p" + std::to_string(i) + ".jpg"), 160, 120, i);
        fs::copy_file(src / "p0.jpg", src / "sub" / "copy-of-p0.jpg");
        winnow::test::writePhoto(src / "sub" / "p1-again.png", 160, 120, 1);  // same picture, other encoding
        std::ofstream(src / "p2.txt") << "a caption for p2\n";
        const std::string jpeg = winnow::test::readBytes(src / "p3.jpg");
        winnow::test::writeBytes(src / "truncated.jpg", jpeg.substr(0, jpeg.size() / 3));
        winnow::test::writeBytes(src / "empty.png", "");
        winnow::test::writeBytes(src / "notanimage.jpg", "this is plain text pretending to be a JPEG");
        // A PNG header that claims 100000 x 100000 pixels: refused before decoding.
        std::string huge("\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR\0\x01\x86\xa0\0\x01\x86\xa0\x08\x02\0\0\0\0\0\0\0", 33);
        winnow::test::writeBytes(src / "huge.png", huge);
        project = dir.file("p.winnow");
        ASSERT_EQ(runCli({"create", project}).exitCode, 0);
    }

    TempDir dir;
    fs::path src;
    std::string project;
};

}  // namespace

TEST(Cli, HelpUsageAndUnknownCommands) {
    auto r = runCli({"--help"});
    EXPECT_EQ(r.exitCode, 0);
    EXPECT_NE(r.out.find("ingest"), std::string::npos);
    EXPECT_EQ(runCli({}).exitCode, 2);
    r = runCli({"frobnicate"});
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_NE(r.err.find("unknown command"), std::string::npos);
    r = runCli({"info"});
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_NE(r.err.find("expects PROJECT"), std::string::npos);
    r = runCli({"info", "x.winnow", "--bogus"});
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_NE(r.err.find("unknown option --bogus"), std::string::npos);
}

TEST(Cli, CreateRefusesExistingAndOpenRefusesNonProjects) {
    TempDir dir;
    const std::string p = dir.file("a.winnow");
    auto r = runCli({"create", p, "--json"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_EQ(r.json()["schema_version"], 3);
    EXPECT_TRUE(fs::exists(p));
    EXPECT_EQ(runCli({"create", p}).exitCode, 2);
    const std::string text = dir.file("notes.txt");
    std::ofstream(text) << "hello";
    r = runCli({"info", text});
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_NE(r.err.find("not a Winnow project"), std::string::npos) << r.err;
    EXPECT_EQ(winnow::test::readBytes(text), "hello");
    r = runCli({"info", dir.file("missing.winnow")});
    EXPECT_EQ(r.exitCode, 2);
}

TEST_F(CliFolder, IngestRecordsBadFilesAndGoesOn) {
    auto r = runCli({"ingest", project, src.string(), "--json", "--dataset", "photos", "--split", "train"});
    ASSERT_EQ(r.exitCode, 1) << r.err;  // finished with per-file errors
    auto j = r.json();
    EXPECT_EQ(j["dataset"], "photos");
    EXPECT_EQ(j["format"], "folder");
    EXPECT_EQ(j["seen"], 10);
    EXPECT_EQ(j["imported"], 6);
    EXPECT_EQ(j["failed"], 4);
    EXPECT_EQ(j["errors"].size(), 4u);
    bool sawHuge = false;
    for (const auto& e : j["errors"]) {
        EXPECT_FALSE(e["error"].get<std::string>().empty());
        if (e["uri"].get<std::string>().find("huge.png") != std::string::npos) {
            sawHuge = true;
            EXPECT_NE(e["error"].get<std::string>().find("100000"), std::string::npos) << e["error"];
        }
    }
    EXPECT_TRUE(sawHuge);

    auto info = runCli({"info", project, "--json"}).json();
    ASSERT_EQ(info["datasets"].size(), 1u);
    EXPECT_EQ(info["datasets"][0]["imported"], 6);
    EXPECT_EQ(info["datasets"][0]["failed"], 4);
    EXPECT_EQ(info["samples"]["total"], 10);

    // Importing again adds nothing and retries the failures (which fail again).
    r = runCli({"ingest", project, src.string(), "--json", "--dataset", "photos"});
    EXPECT_EQ(r.exitCode, 1);
    j = r.json();
    EXPECT_EQ(j["skipped"], 6);
    EXPECT_EQ(j["imported"], 0);
    EXPECT_EQ(j["failed"], 4);
    info = runCli({"info", project, "--json"}).json();
    EXPECT_EQ(info["samples"]["total"], 10);
}

TEST_F(CliFolder, SamplesListsWithFiltersAndMetadata) {
    runCli({"ingest", project, src.string(), "--dataset", "photos", "--split", "train"});
    auto j = runCli({"samples", project, "--json"}).json();
    EXPECT_EQ(j["total"], 6);
    ASSERT_EQ(j["samples"].size(), 6u);
    for (const auto& s : j["samples"]) {
        EXPECT_EQ(s["status"], "ok");
        EXPECT_EQ(s["split"], "train");
        EXPECT_EQ(s["width"], 160);
        EXPECT_EQ(s["height"], 120);
        EXPECT_EQ(s["sha512"].get<std::string>().size(), 128u);
        EXPECT_EQ(s["phash"].get<std::string>().size(), 16u);
        EXPECT_GT(s["blur"].get<double>(), 0.0);
        EXPECT_GT(s["byte_size"].get<long long>(), 0);
    }
    j = runCli({"samples", project, "--json", "--text", "p2"}).json();
    ASSERT_EQ(j["total"], 1);
    EXPECT_EQ(j["samples"][0]["caption"], "a caption for p2");
    j = runCli({"samples", project, "--json", "--status", "failed"}).json();
    EXPECT_EQ(j["total"], 4);
    j = runCli({"samples", project, "--json", "--limit", "2", "--offset", "1", "--order", "blur", "--desc"}).json();
    EXPECT_EQ(j["count"], 2);
    EXPECT_GE(j["samples"][0]["blur"].get<double>(), j["samples"][1]["blur"].get<double>());
    EXPECT_EQ(runCli({"samples", project, "--limit", "x"}).exitCode, 2);
    EXPECT_EQ(runCli({"samples", project, "--dataset", "nope"}).exitCode, 2);
    auto text = runCli({"samples", project});
    EXPECT_EQ(text.exitCode, 0);
    EXPECT_NE(text.out.find("p0.jpg"), std::string::npos);
}

TEST_F(CliFolder, ExactAndNearDuplicates) {
    runCli({"ingest", project, src.string()});
    auto r = runCli({"duplicates", project, "--exact", "--json"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    auto j = r.json();
    ASSERT_EQ(j["group_count"], 1);
    ASSERT_EQ(j["groups"][0]["samples"].size(), 2u);
    const std::string a = j["groups"][0]["samples"][0]["uri"], b = j["groups"][0]["samples"][1]["uri"];
    EXPECT_NE(a.find("p0.jpg"), std::string::npos);
    EXPECT_NE(b.find("copy-of-p0.jpg"), std::string::npos);

    r = runCli({"duplicates", project, "--near", "--max-distance", "10", "--json"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    j = r.json();
    EXPECT_EQ(j["max_distance"], 10);
    EXPECT_EQ(j["hashes"], 6);
    // p0 ~ copy-of-p0 (distance 0) and p1 ~ p1-again.png (same picture re-encoded).
    EXPECT_GE(j["pair_count"].get<int>(), 2);
    EXPECT_GE(j["group_count"].get<int>(), 2);
    for (const auto& p : j["pairs"]) EXPECT_LE(p["distance"].get<int>(), 10);
    EXPECT_EQ(runCli({"duplicates", project}).exitCode, 2);
    EXPECT_EQ(runCli({"duplicates", project, "--near", "--max-distance", "65"}).exitCode, 2);
}

TEST_F(CliFolder, ExportManifestsAndFoldersStayInside) {
    runCli({"ingest", project, src.string(), "--dataset", "photos"});
    const std::string csv = dir.file("out.csv");
    auto r = runCli({"export", project, "--to", "csv", "--output", csv, "--json"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_EQ(r.json()["exported"], 6);
    const std::string manifest = winnow::test::readBytes(csv);
    EXPECT_EQ(manifest.rfind("id,path,member,label,caption,split,sha512\n", 0), 0u);

    const std::string folder = dir.file("linked");
    r = runCli({"export", project, "--dataset", "photos", "--to", "symlinks", "--output", folder, "--json"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_EQ(r.json()["exported"], 6);
    int links = 0;
    for (const auto& e : fs::directory_iterator(folder)) {
        EXPECT_TRUE(fs::is_symlink(e.path()));
        EXPECT_EQ(fs::canonical(e.path().parent_path()), fs::canonical(folder));
        ++links;
    }
    EXPECT_EQ(links, 6);

    const std::string copies = dir.file("copies");
    r = runCli({"export", project, "--to", "copies", "--output", copies, "--json"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    for (const auto& e : fs::directory_iterator(copies)) EXPECT_TRUE(fs::is_regular_file(e.path()));
    EXPECT_EQ(runCli({"export", project, "--to", "zip", "--output", copies}).exitCode, 2);
    EXPECT_EQ(runCli({"export", project, "--tag", "nope", "--subset", "x", "--output", copies}).exitCode, 2);
}

TEST(Cli, IngestFatalErrors) {
    TempDir dir;
    const std::string p = dir.file("p.winnow");
    runCli({"create", p});
    auto r = runCli({"ingest", p, dir.file("no-such-folder")});
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_NE(r.err.find("no such file or directory"), std::string::npos) << r.err;
    const std::string bad = dir.file("bad.csv");
    std::ofstream(bad) << "label,caption\ncat,hello\n";  // no path column
    r = runCli({"ingest", p, bad});
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_NE(r.err.find("bad.csv"), std::string::npos) << r.err;
    r = runCli({"ingest", p, dir.path().string(), "--format", "parquet"});
    EXPECT_EQ(r.exitCode, 2);
    // Nothing was half-imported by the failures.
    EXPECT_EQ(runCli({"info", p, "--json"}).json()["samples"]["total"], 0);
}
