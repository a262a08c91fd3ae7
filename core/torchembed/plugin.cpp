// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The TorchScript plugin (libwinnow_torch.so): loaded with dlopen by core/curate only when a TorchScript
// model is used, so that winnow-cli and winnow do not pay libtorch's load time (about 1 s of CPU) on every
// start. Its C entry points never let an exception out; errors come back as text.
#include <cstring>
#include <exception>
#include <string>

#include "torchembed/torchscriptembedder.h"

namespace {
void copyError(const char* text, char* error, std::size_t size) {
    if (!error || size == 0) return;
    std::strncpy(error, text, size - 1);
    error[size - 1] = '\0';
}
}  // namespace

extern "C" {

/// Interface version of this plugin; core/curate refuses a plugin of another version.
__attribute__((visibility("default"))) int winnow_torch_plugin_version() { return 1; }

/// A TorchScriptEmbedder for path (.pt or sidecar .json) on device, or null with the reason in error.
/// The caller owns the object and deletes it through winnow_torch_destroy_embedder.
__attribute__((visibility("default"))) winnow::embed::Embedder* winnow_torch_create_embedder(const char* path, const char* device,
                                                                    char* error, std::size_t errorSize) {
    try {
        winnow::torchembed::RunOptions options;
        options.device = device ? device : "auto";
        return new winnow::torchembed::TorchScriptEmbedder(path, options);
    } catch (const std::exception& e) {
        copyError(e.what(), error, errorSize);
    } catch (...) {
        copyError("unknown error while loading the model", error, errorSize);
    }
    return nullptr;
}

__attribute__((visibility("default"))) void winnow_torch_destroy_embedder(winnow::embed::Embedder* embedder) { delete embedder; }

}  // extern "C"
