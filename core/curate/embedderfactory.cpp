// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "curate/embedderfactory.h"

#include <filesystem>

#include "common/error.h"
#ifdef WINNOW_HAVE_BUILTIN_EMBEDDER
#include "embed/builtin.h"
#endif
#ifdef WINNOW_HAVE_TORCH
#include "torchembed/torchscriptembedder.h"
#endif

namespace winnow::curate {

namespace fs = std::filesystem;

std::unique_ptr<embed::Embedder> createEmbedder(const std::string& spec, const std::string& device) {
    if (spec == "builtin") {
#ifdef WINNOW_HAVE_BUILTIN_EMBEDDER
        return std::make_unique<embed::BuiltinEmbedder>();
#else
        throw Error("this build of Winnow has no built-in embedder");
#endif
    }
    const fs::path path(spec);
    const std::string ext = path.extension().string();
    if (ext != ".pt" && ext != ".json") {
        throw Error("unknown embedder '" + spec +
                    "': give builtin, the name of an embedder the project has, or a TorchScript model (.pt) or "
                    "its sidecar (.json)");
    }
    if (!fs::exists(path)) throw Error("no such model file: " + spec);
#ifdef WINNOW_HAVE_TORCH
    torchembed::RunOptions options;
    options.device = device;
    return std::make_unique<torchembed::TorchScriptEmbedder>(spec, options);
#else
    (void)device;
    throw Error("this build of Winnow was configured without libtorch, so it cannot run " + spec);
#endif
}

}  // namespace winnow::curate
