// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
// winnow-cli embeddings / select PROJECT / subsets end to end on a real project.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <numeric>
#include <set>

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
#ifndef WINNOW_HAVE_TORCH_PLUGIN
    GTEST_SKIP() << "built without libtorch: no TorchScript plugin";
#endif
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

TEST(CliCurate, ModelScoresMatchTheTorchReference) {
#ifndef WINNOW_HAVE_TORCH_PLUGIN
    GTEST_SKIP() << "built without libtorch: no TorchScript plugin";
#else
    // tests/data/torchembed/tiny-scorer.{pt,json}: a scorer model traced by make_scorer.py, which also wrote
    // the scores torchvision's transforms and the eager module give on these PNGs (tiny-scorer-expected.json).
    const std::string data = WINNOW_TEST_DATA_DIR;
    const auto expected = nlohmann::json::parse(std::ifstream(data + "/torchembed/tiny-scorer-expected.json"))["outputs"];
    TempDir dir;
    const auto src = dir.path() / "img";
    std::filesystem::create_directories(src);
    for (const auto& [name, value] : expected.items())
        std::filesystem::copy_file(data + "/imageio/" + name + ".png", src / (name + ".png"));
    std::filesystem::copy_file(data + "/imageio/checker_gray_20x17.png", src / "vanishes.png");
    const std::string p = dir.file("p.winnow");
    ASSERT_EQ(runCli({"create", p}).exitCode, 0);
    ASSERT_EQ(runCli({"ingest", p, src.string(), "--quiet"}).exitCode, 0);
    std::filesystem::remove(src / "vanishes.png");  // imported, but its image can no longer be read

    const std::string model = data + "/torchembed/tiny-scorer.pt";
    auto r = runCli({"scores", p, "--compute", "model", "--param", "model=" + model, "--param", "device=cpu", "--json"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_EQ(r.json()["names"][0], "model:tiny-scorer");
    EXPECT_EQ(r.json()["samples"], static_cast<int>(expected.size()));
    {
        auto cat = catalog::Catalog::open(p, catalog::Catalog::Mode::ReadOnly);
        const auto samples = cat.samples();
        ASSERT_EQ(samples.size(), expected.size() + 1);
        std::vector<std::int64_t> ids;
        for (const auto& s : samples) ids.push_back(s.id);
        const auto values = cat.scores("model:tiny-scorer", ids);
        for (std::size_t i = 0; i < samples.size(); ++i) {
            const std::string stem = std::filesystem::path(samples[i].uri).stem().string();
            if (stem == "vanishes") {
                EXPECT_TRUE(std::isnan(values[i]));
                continue;
            }
            // Float32 model, same preprocessing bit for bit: agreement to float rounding.
            EXPECT_NEAR(values[i], expected[stem].get<double>(), 1e-5) << stem;
        }
    }
    // The sidecar instead of the model, another batch size: the same values, replaced under the same name.
    r = runCli({"scores", p, "--compute", "model", "--param", "model=" + data + "/torchembed/tiny-scorer.json",
                "--param", "device=cpu", "--param", "batch=3", "--json"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    r = runCli({"scores", p, "--json"});
    EXPECT_EQ(r.json()["names"], nlohmann::json::array({"model:tiny-scorer"}));

    // Refusals: no model, an embedder's model, a missing file, an unknown parameter.
    r = runCli({"scores", p, "--compute", "model"});
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_NE(r.err.find("model=FILE.pt"), std::string::npos) << r.err;
    r = runCli({"scores", p, "--compute", "model", "--param", "model=" + data + "/torchembed/tiny-convnet.pt",
                "--param", "device=cpu"});
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_NE(r.err.find("is an embedder"), std::string::npos) << r.err;
    EXPECT_EQ(runCli({"scores", p, "--compute", "model", "--param", "model=" + dir.file("none.pt")}).exitCode, 2);
    EXPECT_EQ(runCli({"scores", p, "--compute", "model", "--param", "model=" + model, "--param", "k=3"}).exitCode, 2);
#endif
}

/// Every key of a JSON document, nested ones included.
void jsonKeys(const nlohmann::json& j, std::set<std::string>& keys) {
    if (j.is_object()) {
        for (auto it = j.begin(); it != j.end(); ++it) {
            keys.insert(it.key());
            jsonKeys(it.value(), keys);
        }
    } else if (j.is_array()) {
        for (const auto& v : j) jsonKeys(v, keys);
    }
}

TEST(CliCurate, MapComputesCachesListsAndExports) {
    CliProject c;
    const select::Matrix X = line(9);
    ASSERT_EQ(runCli({"embeddings", "import", c.p, c.writeVectors(X), "--embedder", "ext"}).exitCode, 0);
    const std::string csv = c.dir.file("map.csv");
    const std::vector<std::string> umap = {"map", c.p, "--embedder", "ext", "--method", "umap", "--param", "k=4",
                                           "--param", "epochs=20", "--json"};
    auto withCsv = umap;
    withCsv.insert(withCsv.end(), {"--csv", csv});
    auto r = runCli(withCsv);
    ASSERT_EQ(r.exitCode, 0) << r.err;
    std::set<std::string> keys;
    jsonKeys(r.json(), keys);
    const auto first = r.json();
    EXPECT_EQ(first["embedder"], "ext");
    EXPECT_EQ(first["method"], "umap");
    EXPECT_EQ(first["rows"], 9);
    EXPECT_EQ(first["cached"], false);
    EXPECT_EQ(first["csv"], csv);
    EXPECT_EQ(first["params"]["k"], 4);
    EXPECT_EQ(first["params"]["seed"], 42);
    EXPECT_EQ(first["info"]["knn"], "exact");
    EXPECT_EQ(first["info"]["knn_k"], 3);
    {
        std::ifstream in(csv);
        std::string line;
        std::getline(in, line);
        EXPECT_EQ(line, "sample_id,x,y");
        int rows = 0;
        while (std::getline(in, line)) {
            EXPECT_EQ(std::stoll(line.substr(0, line.find(','))), c.ids[static_cast<std::size_t>(rows)]);
            ++rows;
        }
        EXPECT_EQ(rows, 9);
    }
    // The second run reads the cache.
    r = runCli(umap);
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_EQ(r.json()["cached"], true);
    EXPECT_EQ(r.json()["seconds"], 0);
    EXPECT_EQ(r.json()["key"], first["key"]);
    EXPECT_TRUE(r.json()["csv"].is_null());
    r = runCli({"map", c.p, "--embedder", "ext", "--method", "umap", "--param", "k=4", "--param", "epochs=20"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_NE(r.out.find("read from the cache"), std::string::npos) << r.out;
    // The same coordinates when recomputed, written again.
    withCsv.push_back("--recompute");
    const std::string before = [&] { std::ifstream in(csv); return std::string(std::istreambuf_iterator<char>(in), {}); }();
    r = runCli(withCsv);
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_EQ(r.json()["cached"], false);
    const std::string after = [&] { std::ifstream in(csv); return std::string(std::istreambuf_iterator<char>(in), {}); }();
    EXPECT_EQ(before, after);

    r = runCli({"map", c.p, "--embedder", "ext", "--method", "tsne", "--param", "perplexity=2", "--param",
                "iterations=50", "--json"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    jsonKeys(r.json(), keys);
    r = runCli({"map", c.p, "--embedder", "ext", "--method", "pca", "--json"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    jsonKeys(r.json(), keys);
    r = runCli({"map", c.p, "--list", "--json"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    jsonKeys(r.json(), keys);
    const auto list = r.json()["layouts"];
    ASSERT_EQ(list.size(), 3u);
    for (const auto& l : list) {
        EXPECT_EQ(l["embedder"], "ext");
        EXPECT_EQ(l["rows"], 9);
        EXPECT_EQ(l["current"], true);
    }
    EXPECT_EQ(r.json()["methods"].size(), 3u);
    r = runCli({"map", c.p, "--list"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_NE(r.out.find("pca"), std::string::npos);

    // Every key printed is documented (as tests/cli/test_docs.cpp checks for the other commands).
    std::ifstream docIn(std::string(WINNOW_SOURCE_DIR) + "/docs/CLI.md");
    const std::string doc(std::istreambuf_iterator<char>(docIn), {});
    for (const auto& k : keys)
        EXPECT_TRUE(doc.find("`" + k + "`") != std::string::npos || doc.find('"' + k + '"') != std::string::npos)
            << "JSON key of map not in docs/CLI.md: " << k;

    // Errors: exit code 2, nothing cached.
    EXPECT_EQ(runCli({"map", c.p, "--embedder", "ext", "--method", "mds"}).exitCode, 2);
    EXPECT_EQ(runCli({"map", c.p, "--embedder", "ext", "--param", "perplexity=5"}).exitCode, 2);
    EXPECT_EQ(runCli({"map", c.p, "--embedder", "nothing"}).exitCode, 2);
    EXPECT_EQ(runCli({"map", c.p, "--list", "--method", "pca"}).exitCode, 2);
    EXPECT_EQ(runCli({"map", c.p, "--embedder", "ext", "--method", "pca", "--csv", c.dir.file("no/dir/x.csv")}).exitCode,
              2);
    r = runCli({"map", c.p, "--list", "--json"});
    EXPECT_EQ(r.json()["layouts"].size(), 3u);
    // Removing the embedder removes its layouts.
    ASSERT_EQ(runCli({"embeddings", "remove", c.p, "--embedder", "ext"}).exitCode, 0);
    r = runCli({"map", c.p, "--list", "--json"});
    EXPECT_TRUE(r.json()["layouts"].empty());
    EXPECT_FALSE(std::filesystem::exists(c.p + ".d/layouts/ext"));
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
