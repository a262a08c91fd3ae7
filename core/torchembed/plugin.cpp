// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The TorchScript plugin (libwinnow_torch.so): loaded with dlopen by core/curate only when a TorchScript
// model is used, so that winnow-cli and winnow do not pay libtorch's load time (about 1 s of CPU) on every
// start. Its C entry points (pluginapi.h) never let an exception out; errors come back as text.
#include <cstring>
#include <exception>
#include <string>
#include <type_traits>

#include <nlohmann/json.hpp>

#include "torchembed/pluginapi.h"
#include "torchembed/torchscriptembedder.h"
#include "torchembed/torchscriptscorer.h"

namespace {
void copyError(const char* text, char* error, std::size_t size) {
    if (!error || size == 0) return;
    std::strncpy(error, text, size - 1);
    error[size - 1] = '\0';
}

/// Runs f; an exception becomes its text in error and `failed` is returned.
template <typename F, typename R>
R guarded(F&& f, R failed, char* error, std::size_t errorSize, const char* what) {
    try {
        return f();
    } catch (const std::exception& e) {
        copyError(e.what(), error, errorSize);
    } catch (...) {
        copyError(what, error, errorSize);
    }
    return failed;
}

winnow::torchembed::RunOptions runOptions(const char* device, int batchSize = 0) {
    winnow::torchembed::RunOptions options;
    options.device = device ? device : "auto";
    options.batchSize = batchSize > 0 ? batchSize : 0;
    return options;
}
}  // namespace

extern "C" {

/// Interface version of this plugin (pluginapi.h); core/curate refuses a plugin of another version.
__attribute__((visibility("default"))) int winnow_torch_plugin_version() { return winnow::torchembed::kTorchPluginVersion; }

/// A TorchScriptEmbedder for path (.pt or sidecar .json) on device, or null with the reason in error.
/// The caller owns the object and deletes it through winnow_torch_destroy_embedder.
__attribute__((visibility("default"))) winnow::embed::Embedder* winnow_torch_create_embedder(const char* path, const char* device,
                                                                    char* error, std::size_t errorSize) {
    return guarded([&]() -> winnow::embed::Embedder* {
        return new winnow::torchembed::TorchScriptEmbedder(path, runOptions(device));
    }, static_cast<winnow::embed::Embedder*>(nullptr), error, errorSize, "unknown error while loading the model");
}

__attribute__((visibility("default"))) void winnow_torch_destroy_embedder(winnow::embed::Embedder* embedder) { delete embedder; }

/// A TorchScriptScorer (kind "scorer") for path on device, as an opaque pointer, or null with the reason in
/// error. Destroyed through winnow_torch_destroy_scorer.
__attribute__((visibility("default"))) void* winnow_torch_create_scorer(const char* path, const char* device, int batchSize,
                                                                       char* error, std::size_t errorSize) {
    return guarded([&]() -> void* {
        return new winnow::torchembed::TorchScriptScorer(path, runOptions(device, batchSize));
    }, static_cast<void*>(nullptr), error, errorSize, "unknown error while loading the model");
}

__attribute__((visibility("default"))) void winnow_torch_destroy_scorer(void* scorer) {
    delete static_cast<winnow::torchembed::TorchScriptScorer*>(scorer);
}

__attribute__((visibility("default"))) long winnow_torch_scorer_describe(void* scorer, char* out, std::size_t size) {
    return guarded([&]() -> long {
        const auto* s = static_cast<const winnow::torchembed::TorchScriptScorer*>(scorer);
        const nlohmann::json j = {{"name", s->name()},
                                  {"identity", s->identityJson()},
                                  {"batch_size", s->batchSize()},
                                  {"min_side", s->preferredMinSide()},
                                  {"device", s->device()}};
        const std::string text = j.dump();
        if (out && text.size() < size) std::memcpy(out, text.c_str(), text.size() + 1);
        return static_cast<long>(text.size());
    }, -1L, nullptr, 0, "");
}

__attribute__((visibility("default"))) int winnow_torch_scorer_score(void* scorer, const std::vector<winnow::imageio::Image>* images,
                                                                    float* out, char* error, std::size_t errorSize) {
    return guarded([&]() -> int {
        static_cast<winnow::torchembed::TorchScriptScorer*>(scorer)->score(*images, out);
        return 0;
    }, 1, error, errorSize, "unknown error while scoring");
}

}  // extern "C"

// The definitions above have exactly the types core/curate casts their addresses to.
static_assert(std::is_same_v<decltype(&winnow_torch_plugin_version), winnow::torchembed::TorchPluginVersionFn>);
static_assert(std::is_same_v<decltype(&winnow_torch_create_embedder), winnow::torchembed::TorchCreateEmbedderFn>);
static_assert(std::is_same_v<decltype(&winnow_torch_destroy_embedder), winnow::torchembed::TorchDestroyEmbedderFn>);
static_assert(std::is_same_v<decltype(&winnow_torch_create_scorer), winnow::torchembed::TorchCreateScorerFn>);
static_assert(std::is_same_v<decltype(&winnow_torch_destroy_scorer), winnow::torchembed::TorchDestroyScorerFn>);
static_assert(std::is_same_v<decltype(&winnow_torch_scorer_describe), winnow::torchembed::TorchScorerDescribeFn>);
static_assert(std::is_same_v<decltype(&winnow_torch_scorer_score), winnow::torchembed::TorchScorerScoreFn>);
