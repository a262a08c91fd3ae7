// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <iostream>

#include <nlohmann/json.hpp>

#include "commands.h"
#include "signalprogress.h"
#include "common/error.h"
#include "ingest/ingest.h"

namespace winnow::cli {


int runIngest(const Args& args) {
    ingest::IngestParams params;
    params.dataset = args.value("dataset", "");
    params.split = args.value("split", "");
    if (auto f = args.value("format")) {
        auto format = sources::parseFormat(*f);
        if (!format) throw UsageError{"unknown format '" + *f + "'"};
        params.format = *format;
    }
    params.threads = static_cast<int>(args.integer("threads", 0, 0, 1024));
    params.batchSize = static_cast<int>(args.integer("batch", 256, 1, 1000000));
    params.analyze.maxPixels = args.integer("max-pixels", params.analyze.maxPixels, 1, 1LL << 40);

    if (auto file = args.value("label-names")) {
        std::ifstream in(*file);
        if (!in) throw Error("cannot read label names from " + *file);
        for (std::string line; std::getline(in, line);) {
            if (!line.empty() && line.back() == '\r') line.pop_back();
            params.labelNames.push_back(line);
        }
    }

    ingest::IngestReport r;
    {
        ConsoleProgress progress(args.has("quiet") || args.json());
        r = ingest::ingest(args.positionals()[0], args.positionals()[1], params, progress);
    }
    if (args.json()) {
        nlohmann::json errors = nlohmann::json::array();
        for (const auto& e : r.errors) errors.push_back({{"uri", e.uri}, {"member", e.member}, {"error", e.message}});
        printJson({{"dataset", r.dataset},
                   {"dataset_id", r.datasetId},
                   {"format", r.format},
                   {"seen", r.seen},
                   {"skipped", r.skipped},
                   {"imported", r.imported},
                   {"failed", r.failed},
                   {"errors", errors},
                   {"warnings", r.warnings},
                   {"canceled", r.canceled},
                   {"seconds", r.seconds}});
    } else {
        std::cout << "dataset " << r.dataset << " (" << r.format << "): " << r.imported << " imported, "
                  << r.failed << " failed, " << r.skipped << " already present, in " << r.seconds << " s\n";
        for (const auto& e : r.errors)
            std::cerr << "  failed: " << e.uri << (e.member.empty() ? "" : ":" + e.member) << ": " << e.message << '\n';
        if (r.failed > static_cast<std::int64_t>(r.errors.size()))
            std::cerr << "  ... and " << (r.failed - static_cast<std::int64_t>(r.errors.size())) << " more\n";
        for (const auto& w : r.warnings) std::cerr << "  warning: " << w << '\n';
    }
    if (r.canceled) {
        std::cerr << "winnow-cli ingest: interrupted; what was imported is kept, run again to finish\n";
        return kInterrupted;
    }
    return r.failed > 0 ? kPartial : kOk;
}

}  // namespace winnow::cli
