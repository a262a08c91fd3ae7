// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <cstdio>
#include <iostream>

#include <nlohmann/json.hpp>

#include "commands.h"
#include "signalprogress.h"
#include "catalog/catalog.h"
#include "curate/layouts.h"

namespace winnow::cli {

namespace {

int listLayouts(const Args& args, const std::string& project) {
    auto cat = catalog::Catalog::open(project, catalog::Catalog::Mode::ReadOnly);
    const auto layouts = curate::cachedLayouts(cat);
    if (args.json()) {
        nlohmann::json list = nlohmann::json::array();
        for (const auto& s : layouts)
            list.push_back({{"id", s.artifactId},
                            {"embedder", s.embedder},
                            {"method", s.method},
                            {"params", s.params},
                            {"key", s.key},
                            {"rows", s.rows},
                            {"current", s.current},
                            {"created", s.created}});
        nlohmann::json methods = nlohmann::json::array();
        for (const auto& m : curate::layoutMethods()) {
            nlohmann::json params = nlohmann::json::array();
            for (const auto& p : m.params) params.push_back({{"key", p.key}, {"default", p.defaultValue}, {"help", p.help}});
            methods.push_back({{"name", m.name}, {"summary", m.summary}, {"params", params}});
        }
        printJson({{"layouts", list}, {"methods", methods}});
        return kOk;
    }
    if (layouts.empty()) std::cout << "no cached layouts\n";
    for (const auto& s : layouts)
        std::cout << s.embedder << '\t' << s.method << '\t' << s.params.dump() << '\t' << s.rows << " samples\t"
                  << (s.current ? "current" : "stale (embeddings changed)") << '\n';
    return kOk;
}

}  // namespace

int runMap(const Args& args) {
    const std::string project = args.positionals()[0];
    if (args.has("list")) {
        for (const char* other : {"method", "param", "recompute", "csv"})
            if (args.has(other)) throw UsageError{std::string("--list takes no --") + other};
        return listLayouts(args, project);
    }
    curate::LayoutRequest request;
    request.embedder = args.value("embedder", "builtin");
    request.method = args.value("method", "umap");
    request.params = curate::MethodParams::fromPairs(args.values("param"));
    request.recompute = args.has("recompute");
    const auto csv = args.value("csv");

    auto cat = catalog::Catalog::open(project);
    ConsoleProgress progress(args.has("quiet") || args.json());
    const curate::Layout layout = curate::computeLayout(cat, request, progress);
    if (csv) curate::writeLayoutCsv(layout, *csv);
    if (args.json()) {
        printJson({{"embedder", layout.embedder},
                   {"method", layout.method},
                   {"params", layout.params},
                   {"key", layout.key},
                   {"rows", layout.xy.rows},
                   {"cached", layout.cached},
                   {"seconds", layout.seconds},
                   {"info", layout.info},
                   {"csv", csv ? nlohmann::json(*csv) : nlohmann::json(nullptr)}});
        return kOk;
    }
    std::cout << layout.method << " layout of " << layout.xy.rows << " samples (" << layout.embedder << ", "
              << layout.params.dump() << "): ";
    if (layout.cached) {
        std::cout << "read from the cache\n";
    } else {
        char seconds[32];
        std::snprintf(seconds, sizeof seconds, "%.2f", layout.seconds);
        std::cout << "computed in " << seconds << " s";
        if (layout.info.contains("knn"))
            std::cout << " (k-NN graph " << layout.info["knn"].get<std::string>()
                      << (layout.info.value("knn_cached", false) ? ", cached" : "") << ")";
        std::cout << '\n';
    }
    if (csv) std::cout << "wrote " << *csv << '\n';
    return kOk;
}

}  // namespace winnow::cli
