// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <iostream>

#include <nlohmann/json.hpp>

#include "commands.h"
#include "signalprogress.h"
#include "catalog/catalog.h"
#include "common/error.h"
#include "curate/embedrun.h"

namespace winnow::cli {

int runEmbed(const Args& args) {
    curate::EmbedParams params;
    const std::string project = args.positionals()[0];
    params.embedder = args.value("embedder", "builtin");
    params.device = args.value("device", "auto");
    if (params.device != "auto" && params.device != "cpu" && params.device != "cuda")
        throw UsageError{"--device must be auto, cpu or cuda"};
    params.threads = static_cast<int>(args.integer("threads", 0, 0, 1024));
    params.batchSize = static_cast<int>(args.integer("batch", 0, 0, 1 << 16));
    if (auto ds = args.value("dataset")) {
        auto cat = catalog::Catalog::open(project, catalog::Catalog::Mode::ReadOnly);
        auto d = cat.dataset(*ds);
        if (!d) throw Error("the project has no dataset '" + *ds + "'");
        params.datasetId = d->id;
    }
    ConsoleProgress progress(args.has("quiet") || args.json());
    const curate::EmbedReport r = curate::embedProject(project, params, progress);
    if (args.json()) {
        nlohmann::json errors = nlohmann::json::array();
        for (const auto& e : r.errors) errors.push_back({{"sample", e.sampleId}, {"message", e.message}});
        printJson({{"embedder", r.embedder},
                   {"dim", r.dim},
                   {"normalized", r.normalized},
                   {"registered", r.registered},
                   {"fitted", r.fitted},
                   {"fit_images", r.fitImages},
                   {"embedded", r.embedded},
                   {"skipped", r.skipped},
                   {"failed", r.failed},
                   {"errors", errors},
                   {"device", r.device},
                   {"canceled", r.canceled},
                   {"seconds", r.seconds},
                   {"images_per_second", r.imagesPerSecond}});
    } else {
        std::cout << "embedder " << r.embedder << " (" << r.dim << "-d" << (r.normalized ? ", unit length" : "")
                  << (r.fitted ? ", fitted on " + std::to_string(r.fitImages) + " images" : "") << "): "
                  << r.embedded << " embedded, " << r.skipped << " already there, " << r.failed << " failed in "
                  << r.seconds << " s";
        if (r.embedded > 0) std::cout << " (" << static_cast<long long>(r.imagesPerSecond) << " images/s)";
        std::cout << '\n';
        for (const auto& e : r.errors) std::cerr << "sample " << e.sampleId << ": " << e.message << '\n';
    }
    if (r.canceled) return kInterrupted;
    return r.failed > 0 ? kPartial : kOk;
}

}  // namespace winnow::cli
