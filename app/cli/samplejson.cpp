// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "samplejson.h"

#include "common/error.h"
#include "imageio/hashing.h"

namespace winnow::cli {

nlohmann::json sampleJson(const catalog::Sample& s, const std::string& dataset) {
    const bool ok = s.status == catalog::SampleStatus::Ok;
    return {{"id", s.id},
            {"dataset", dataset},
            {"uri", s.uri},
            {"member", s.member},
            {"split", s.split},
            {"label", s.label},
            {"caption", s.caption},
            {"status", ok ? "ok" : "failed"},
            {"error", s.error},
            {"sha512", s.sha512},
            {"byte_size", s.byteSize},
            {"width", s.width},
            {"height", s.height},
            {"channels", s.channels},
            {"format", s.format},
            {"phash", ok ? imageio::hashHex(s.phash) : std::string()},
            {"dhash", ok ? imageio::hashHex(s.dhash) : std::string()},
            {"blur", s.blur},
            {"brightness", s.brightness},
            {"contrast", s.contrast}};
}

std::map<std::int64_t, std::string> datasetNames(const catalog::Catalog& cat) {
    std::map<std::int64_t, std::string> names;
    for (const auto& d : cat.datasets()) names[d.id] = d.name;
    return names;
}

std::int64_t datasetId(const catalog::Catalog& cat, const std::string& name) {
    auto d = cat.dataset(name);
    if (!d) throw Error("no dataset named '" + name + "' in " + cat.path());
    return d->id;
}

}  // namespace winnow::cli
