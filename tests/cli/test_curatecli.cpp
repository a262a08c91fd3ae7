// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
// winnow-cli embeddings / select PROJECT / subsets end to end on a real project.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <numeric>

#include "catalog/catalog.h"
#include "clirunner.h"
#include "fixtures.h"
#include "select/matrix.h"
#include "select/typicality.h"
#include "tempdir.h"

namespace winnow::test {
namespace {

struct CliProject {
    TempDir dir;
    std::string p;
    std::vector<std::int64_t> ids;
    CliProject() {
        const auto src = dir.path() / "img";
        std::filesystem::create_directories(src);
        for (int i = 0; i < 8; ++i) writePhoto(src / ("p" + std::to_string(i) + ".jpg"), 64, 48, i);
        std::filesystem::copy_file(src / "p0.jpg", src / "z-copy.jpg");
        p = dir.file("p.winnow");
        EXPECT_EQ(runCli({"create", p}).exitCode, 0);
        EXPECT_EQ(runCli({"ingest", p, src.string(), "--quiet"}).exitCode, 0);
        const nlohmann::json listed = runCli({"samples", p, "--json"}).json();
        for (const auto& s : listed["samples"]) ids.push_back(s["id"]);
    }
    /// Writes X (rows in ids order) and its ids beside it; returns the .npy path.
    std::string writeVectors(const select::Matrix& X) const {
        const std::string file = dir.file("vec.npy");
        select::saveNpy(file, X);
        select::saveNpyIds(dir.file("vec.ids.npy"), ids);
        return file;
    }
};

select::Matrix line(std::int64_t rows) {  // row i = (i, i^2 / 10, 1)
    select::Matrix X;
    X.rows = rows;
    X.cols = 3;
    for (std::int64_t i = 0; i < rows; ++i) {
        X.data.push_back(static_cast<float>(i));
        X.data.push_back(static_cast<float>(i * i) / 10.f);
        X.data.push_back(1.f);
    }
    return X;
}

TEST(CliCurate, ImportSelectSaveListExport) {
    CliProject c;
    ASSERT_EQ(c.ids.size(), 9u);
    const select::Matrix X = line(9);
    auto r = runCli({"embeddings", "import", c.p, c.writeVectors(X), "--embedder", "ext", "--json"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_EQ(r.json()["rows"], 9);
    EXPECT_EQ(r.json()["normalized"], false);
    r = runCli({"embeddings", "import", c.p, c.dir.file("vec.npy"), "--embedder", "ext"});
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_NE(r.err.find("--replace"), std::string::npos) << r.err;

    r = runCli({"embeddings", "list", c.p, "--json"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_EQ(r.json()["embedders"][0]["name"], "ext");
    EXPECT_EQ(r.json()["embedders"][0]["dim"], 3);

    // k-center greedy from row 0 on points along a curve: the far end first, then the middle.
    r = runCli({"select", c.p, "--method", "coreset", "--size", "3", "--embedder", "ext", "--name", "cs", "--json"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const auto sel = r.json()["selected"];
    ASSERT_EQ(sel.size(), 3u);
    EXPECT_EQ(sel[0]["sample"], c.ids[0]);
    EXPECT_EQ(sel[1]["sample"], c.ids[8]);
    EXPECT_EQ(r.json()["subset"], "cs");
    r = runCli({"select", c.p, "--method", "coreset", "--size", "3", "--embedder", "ext", "--name", "cs"});
    EXPECT_EQ(r.exitCode, 2);
    r = runCli({"subsets", c.p, "--json"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_EQ(r.json()["subsets"][0]["name"], "cs");
    EXPECT_EQ(r.json()["subsets"][0]["size"], 3);
    EXPECT_EQ(r.json()["subsets"][0]["params"]["embedder"], "ext");
    r = runCli({"samples", c.p, "--subset", "cs", "--json"});
    EXPECT_EQ(r.json()["samples"].size(), 3u);

    // Exact dedup needs no embeddings; a recipe file chains filters.
    r = runCli({"select", c.p, "--method", "dedup-exact", "--json"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_EQ(r.json()["size"], 8);
    {
        std::ofstream f(c.dir.file("recipe.json"));
        f << R"({"embedder": "ext", "filters": [{"filter": "dedup-exact"}], "select": {"method": "typicality", "params": {"k": 2}}, "fraction": 0.5, "seed": 3})";
    }
    r = runCli({"select", c.p, "--recipe", c.dir.file("recipe.json"), "--name", "half", "--json"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_EQ(r.json()["size"], 4);
    EXPECT_EQ(r.json()["stages"][0]["out"], 8);

    // Export gives the same vectors back, in ascending sample id.
    r = runCli({"embeddings", "export", c.p, c.dir.file("out.npy"), "--embedder", "ext", "--json"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_EQ(select::loadNpy(c.dir.file("out.npy")).data, X.data);
    EXPECT_EQ(select::loadNpyIds(c.dir.file("out.ids.npy")), c.ids);

    // Stored scores sort the sample list.
    r = runCli({"scores", c.p, "--compute", "typicality", "--embedder", "ext", "--param", "k=2", "--json"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_EQ(r.json()["names"][0], "typicality:ext:k2");
    const auto typ = select::typicality(X, 2);
    std::vector<std::int64_t> expected(c.ids.size());
    std::iota(expected.begin(), expected.end(), 0);
    std::stable_sort(expected.begin(), expected.end(), [&](auto a, auto b) { return typ[a] > typ[b]; });
    r = runCli({"samples", c.p, "--order", "score:typicality:ext:k2", "--desc", "--json"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    for (std::size_t i = 0; i < c.ids.size(); ++i)
        EXPECT_EQ(r.json()["samples"][i]["id"], c.ids[static_cast<std::size_t>(expected[i])]) << i;
    r = runCli({"scores", c.p, "--json"});
    EXPECT_EQ(r.json()["names"][0], "typicality:ext:k2");
    // A linear probe from tagged samples: samples near the "good" end of the curve score higher.
    {
        auto cat = catalog::Catalog::open(c.p);
        cat.addTag("good", {c.ids[7], c.ids[8]});
        cat.addTag("bad", {c.ids[0], c.ids[1]});
    }
    r = runCli({"scores", c.p, "--compute", "probe", "--embedder", "ext", "--json"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_EQ(r.json()["names"][0], "probe:ext:good-vs-bad");
    {
        auto cat = catalog::Catalog::open(c.p, catalog::Catalog::Mode::ReadOnly);
        const auto p = cat.scores("probe:ext:good-vs-bad", c.ids);
        EXPECT_GT(p[8], 0.5);
        EXPECT_LT(p[0], 0.5);
        EXPECT_GT(p[6], p[2]);
    }
    EXPECT_EQ(runCli({"scores", c.p, "--compute", "probe", "--embedder", "ext", "--param", "good=nothing"}).exitCode, 2);

    r = runCli({"subsets", c.p, "--delete", "cs", "--json"});
    EXPECT_EQ(r.exitCode, 0) << r.err;
    r = runCli({"embeddings", "remove", c.p, "--embedder", "ext", "--json"});
    EXPECT_EQ(r.exitCode, 0) << r.err;
    r = runCli({"select", c.p, "--method", "coreset", "--size", "2", "--embedder", "ext"});
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_NE(r.err.find("winnow-cli embed"), std::string::npos) << r.err;
}

TEST(CliCurate, EmbedWithTheBuiltinEmbedderAndATorchScriptModel) {
    CliProject c;
    auto r = runCli({"embed", c.p, "--json"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_EQ(r.json()["embedder"], "builtin");
    EXPECT_EQ(r.json()["embedded"], 9);
    EXPECT_EQ(r.json()["fitted"], true);
    r = runCli({"embed", c.p, "--json"});
    EXPECT_EQ(r.json()["embedded"], 0);
    EXPECT_EQ(r.json()["skipped"], 9);
    // A TorchScript model with its sidecar (a fixture of tests/data/torchembed): runs in the libtorch plugin.
    const std::string model = std::string(WINNOW_TEST_DATA_DIR) + "/torchembed/tiny-convnet.pt";
    r = runCli({"embed", c.p, "--embedder", model, "--device", "cpu", "--json"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_EQ(r.json()["embedder"], "tiny-convnet");
    EXPECT_EQ(r.json()["dim"], 6);
    EXPECT_EQ(r.json()["embedded"], 9);
    r = runCli({"select", c.p, "--method", "typicality-diversity", "--size", "4", "--embedder", "tiny-convnet", "--json"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_EQ(r.json()["size"], 4);
    r = runCli({"embeddings", "list", c.p, "--json"});
    EXPECT_EQ(r.json()["embedders"].size(), 2u);
}

TEST(CliCurate, BadArgumentsAreRefused) {
    CliProject c;
    EXPECT_EQ(runCli({"select", c.p, "--method", "magic", "--size", "2"}).exitCode, 2);
    EXPECT_EQ(runCli({"select", c.p, "--method", "random", "--size", "2", "--fraction", "0.5"}).exitCode, 2);
    EXPECT_EQ(runCli({"select", c.p, "--embeddings", "x.npy", "--method", "random", "--size", "2"}).exitCode, 2);
    EXPECT_EQ(runCli({"select", c.p, "--method", "random", "--size", "2", "--param", "k=3"}).exitCode, 2);
    EXPECT_EQ(runCli({"embeddings", "frobnicate", c.p}).exitCode, 2);
    EXPECT_EQ(runCli({"embeddings", "import", c.p, c.dir.file("missing.npy"), "--embedder", "x"}).exitCode, 2);
    EXPECT_EQ(runCli({"embed", c.p, "--embedder", "nothing.pt"}).exitCode, 2);
    EXPECT_EQ(runCli({"embed", c.p, "--device", "tpu"}).exitCode, 2);
}

}  // namespace
}  // namespace winnow::test
