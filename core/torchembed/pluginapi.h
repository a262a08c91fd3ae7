// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The entry points of the TorchScript plugin (libwinnow_torch.so, plugin.cpp) as core/curate looks them up
// with dlsym (embedderfactory.cpp). Torch-free and header-only; both sides include it, so a change of an
// entry point goes with a new kTorchPluginVersion and an old plugin is refused instead of misused.
// No entry point lets an exception out: failures come back as null / non-zero with the reason as text.
#pragma once

#include <cstddef>
#include <vector>

namespace winnow::embed {
class Embedder;
}
namespace winnow::imageio {
struct Image;
}

namespace winnow::torchembed {

/// Version 1: embedders only. Version 2: adds the scorer entry points.
constexpr int kTorchPluginVersion = 2;

extern "C" {
/// int winnow_torch_plugin_version(): kTorchPluginVersion of the plugin's build.
using TorchPluginVersionFn = int (*)();

/// winnow_torch_create_embedder(path, device, error, errorSize): a TorchScriptEmbedder for path (.pt or
/// sidecar .json) on device ("auto", "cpu", "cuda"), or null with the reason in error. The caller deletes
/// it through winnow_torch_destroy_embedder. Its member functions may throw the plugin's winnow::Error.
using TorchCreateEmbedderFn = embed::Embedder* (*)(const char* path, const char* device, char* error,
                                                   std::size_t errorSize);
using TorchDestroyEmbedderFn = void (*)(embed::Embedder* embedder);

/// winnow_torch_create_scorer(path, device, batchSize, error, errorSize): an opaque TorchScriptScorer for a
/// model whose sidecar has kind "scorer" (batchSize 0 = the sidecar's), or null with the reason in error.
/// The caller destroys it through winnow_torch_destroy_scorer.
using TorchCreateScorerFn = void* (*)(const char* path, const char* device, int batchSize, char* error,
                                      std::size_t errorSize);
using TorchDestroyScorerFn = void (*)(void* scorer);

/// winnow_torch_scorer_describe(scorer, out, size): writes a JSON object {"name", "identity" (the
/// identity JSON as text), "batch_size", "min_side", "device"} with a terminating NUL into out when it fits,
/// and returns the number of characters it needs without the NUL (-1 on failure).
using TorchScorerDescribeFn = long (*)(void* scorer, char* out, std::size_t size);

/// winnow_torch_scorer_score(scorer, images, out, error, errorSize): one score per image into out
/// (images->size() floats); 0 on success, else non-zero with the reason in error.
using TorchScorerScoreFn = int (*)(void* scorer, const std::vector<imageio::Image>* images, float* out,
                                   char* error, std::size_t errorSize);
}

}  // namespace winnow::torchembed
