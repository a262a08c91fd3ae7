// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
// docs/CLI.md must name every command, every --help flag and every JSON key that winnow-cli prints.
#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <set>

#include "clirunner.h"
#include "select/matrix.h"
#include "fixtures.h"
#include "tempdir.h"

using winnow::test::runCli;

namespace {
std::string cliDoc() {
    std::ifstream in(std::string(WINNOW_SOURCE_DIR) + "/docs/CLI.md");
    return std::string(std::istreambuf_iterator<char>(in), {});
}

void collectKeys(const nlohmann::json& j, std::set<std::string>& keys) {
    if (j.is_object()) {
        for (auto it = j.begin(); it != j.end(); ++it) {
            keys.insert(it.key());
            collectKeys(it.value(), keys);
        }
    } else if (j.is_array()) {
        for (const auto& v : j) collectKeys(v, keys);
    }
}

std::vector<std::string> commandNames() {
    const auto r = runCli({"--help"});
    std::vector<std::string> names;
    std::regex line(R"(^  ([a-z-]+) +\S)");
    std::istringstream in(r.out);
    std::string l;
    bool inCommands = false;
    while (std::getline(in, l)) {
        if (l == "Commands:") inCommands = true;
        std::smatch m;
        if (inCommands && std::regex_search(l, m, line)) names.push_back(m[1]);
    }
    return names;
}
}  // namespace

TEST(CliDocs, EveryCommandAndFlagIsDocumented) {
    const std::string doc = cliDoc();
    ASSERT_FALSE(doc.empty()) << "docs/CLI.md missing";
    const auto names = commandNames();
    ASSERT_GE(names.size(), 6u);
    for (const auto& name : names) {
        EXPECT_NE(doc.find("## " + name), std::string::npos) << "docs/CLI.md has no section '## " << name << "'";
        const auto help = runCli({name, "--help"});
        ASSERT_EQ(help.exitCode, 0) << name;
        std::regex flag(R"(--[a-z][a-z-]*)");
        for (auto it = std::sregex_iterator(help.out.begin(), help.out.end(), flag); it != std::sregex_iterator(); ++it) {
            const std::string f = it->str();
            const std::regex mention(f + "(?![a-z-])");
            EXPECT_TRUE(std::regex_search(doc, mention)) << "docs/CLI.md does not mention " << f << " (" << name << ")";
        }
    }
}

TEST(CliDocs, EveryJsonKeyIsDocumented) {
    winnow::test::TempDir dir;
    const auto src = dir.path() / "img";
    std::filesystem::create_directories(src);
    winnow::test::writePhoto(src / "a.jpg", 64, 48, 1);
    std::filesystem::copy_file(src / "a.jpg", src / "b.jpg");
    winnow::test::writeBytes(src / "c.jpg", "broken");
    const std::string p = dir.file("p.winnow");
    std::set<std::string> keys;
    auto take = [&](const std::vector<std::string>& args) {
        auto r = runCli(args);
        ASSERT_TRUE(r.exitCode == 0 || r.exitCode == 1) << r.err;
        collectKeys(r.json(), keys);
    };
    take({"create", p, "--json"});
    take({"ingest", p, src.string(), "--json"});
    take({"info", p, "--json"});
    take({"samples", p, "--json", "--status", "all"});
    take({"duplicates", p, "--exact", "--json"});
    take({"duplicates", p, "--near", "--json"});
    take({"export", p, "--output", dir.file("x.json"), "--to", "json", "--json"});
    take({"select", "--embeddings", std::string(WINNOW_TEST_DATA_DIR) + "/select/mixture.npy", "--method", "coreset",
          "--size", "3", "--param", "first=2", "--json"});
    // Embeddings, project selection and subsets.
    std::vector<std::int64_t> ids;
    const nlohmann::json listed = runCli({"samples", p, "--json"}).json();
    for (const auto& s : listed["samples"]) ids.push_back(s["id"]);
    winnow::select::Matrix X;
    X.rows = static_cast<std::int64_t>(ids.size());
    X.cols = 2;
    for (std::size_t i = 0; i < ids.size(); ++i) X.data.insert(X.data.end(), {float(i), 1.f});
    winnow::select::saveNpy(dir.file("v.npy"), X);
    winnow::select::saveNpyIds(dir.file("v.ids.npy"), ids);
    take({"embeddings", "import", p, dir.file("v.npy"), "--embedder", "ext", "--json"});
    take({"embeddings", "list", p, "--json"});
    take({"embeddings", "export", p, dir.file("w.npy"), "--embedder", "ext", "--json"});
    take({"select", p, "--method", "coreset", "--size", "1", "--embedder", "ext", "--name", "s", "--json"});
    take({"select", p, "--method", "random", "--size", "1", "--json"});
    take({"subsets", p, "--json"});
    take({"scores", p, "--compute", "typicality", "--embedder", "ext", "--param", "k=1", "--json"});
    take({"scores", p, "--json"});
    take({"subsets", p, "--delete", "s", "--json"});
    take({"embeddings", "remove", p, "--embedder", "ext", "--json"});
    const std::string doc = cliDoc();
    for (const auto& k : keys) {
        const bool documented = doc.find("`" + k + "`") != std::string::npos || doc.find('"' + k + '"') != std::string::npos;
        EXPECT_TRUE(documented) << "JSON key not in docs/CLI.md: " << k;
    }
}
