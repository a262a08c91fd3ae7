// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <iostream>

#include "commands.h"
#include "common/error.h"
#include "samplejson.h"

namespace winnow::cli {

int runSamples(const Args& args) {
    catalog::Catalog cat = catalog::Catalog::open(args.positionals()[0], catalog::Catalog::Mode::ReadOnly);
    catalog::SampleFilter f;
    if (auto d = args.value("dataset")) f.datasetId = datasetId(cat, *d);
    f.split = args.value("split");
    f.label = args.value("label");
    f.tag = args.value("tag");
    f.subset = args.value("subset");
    f.text = args.value("text");
    f.exactDuplicatesOnly = args.has("duplicates");
    const std::string status = args.value("status", "ok");
    if (status == "ok") f.status = catalog::SampleStatus::Ok;
    else if (status == "failed") f.status = catalog::SampleStatus::Failed;
    else if (status != "all") throw UsageError{"--status must be ok, failed or all"};
    const std::string order = args.value("order", "id");
    static const std::map<std::string, catalog::SampleOrder> orders = {
        {"id", catalog::SampleOrder::Id},       {"blur", catalog::SampleOrder::Blur},
        {"brightness", catalog::SampleOrder::Brightness}, {"contrast", catalog::SampleOrder::Contrast},
        {"label", catalog::SampleOrder::Label}, {"size", catalog::SampleOrder::Size}};
    if (order.rfind("score:", 0) == 0 && order.size() > 6) {
        f.order = catalog::SampleOrder::Score;
        f.orderScore = order.substr(6);
    } else {
        auto it = orders.find(order);
        if (it == orders.end()) throw UsageError{"unknown --order '" + order + "'"};
        f.order = it->second;
    }
    f.descending = args.has("desc");
    if (f.subset && !cat.subset(*f.subset)) throw Error("no subset named '" + *f.subset + "'");
    const std::int64_t offset = args.integer("offset", 0, 0, 1LL << 62);
    const std::int64_t limit = args.integer("limit", -1, 0, 1LL << 62);

    const std::int64_t total = cat.countSamples(f);
    const auto names = datasetNames(cat);
    const auto samples = cat.samples(f, offset, limit);
    if (args.json()) {
        nlohmann::json list = nlohmann::json::array();
        for (const auto& s : samples) list.push_back(sampleJson(s, names.at(s.datasetId)));
        printJson({{"total", total}, {"offset", offset}, {"count", samples.size()}, {"samples", list}});
        return kOk;
    }
    for (const auto& s : samples) {
        std::cout << s.id << '\t' << s.uri << (s.member.empty() ? "" : ":" + s.member) << '\t' << s.split << '\t'
                  << s.label;
        if (s.status == catalog::SampleStatus::Failed) std::cout << "\tFAILED: " << s.error;
        std::cout << '\n';
    }
    return kOk;
}

}  // namespace winnow::cli
