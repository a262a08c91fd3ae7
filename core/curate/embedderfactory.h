// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "embed/embedder.h"
#include "imageio/image.h"

namespace winnow::curate {

/// Creates an embedder: "builtin" (not yet fitted), or a TorchScript model given by its .pt file (the
/// sidecar is FILE.json beside it) or by its sidecar .json (which names the model file). device is
/// "auto", "cpu" or "cuda". Throws winnow::Error with a message for people (missing file, bad sidecar,
/// no CUDA, a build without libtorch).
std::unique_ptr<embed::Embedder> createEmbedder(const std::string& spec, const std::string& device = "auto");

/// A per-image scorer: a TorchScript model whose sidecar has kind "scorer" (an aesthetic predictor, a
/// quality or NSFW classifier exported with its image encoder), run in the libtorch plugin.
/// Thread affinity: one thread at a time; libtorch runs its own threads.
class ImageScorer {
public:
    virtual ~ImageScorer() = default;
    /// The sidecar's name.
    virtual std::string name() const = 0;
    /// {"kind": "torchscript", "version": 1, "name", "sidecar", "model_sha256"} (as an embedder's).
    virtual std::string identityJson() const = 0;
    /// Images per score() call the model prefers.
    virtual int batchSize() const = 0;
    /// Images may be decoded at reduced size down to this shorter side (0 = full size).
    virtual int preferredMinSide() const = 0;
    /// "cpu" or "cuda:N".
    virtual std::string device() const = 0;
    /// One value per image into out (the model's raw output). Throws winnow::Error.
    virtual void score(const std::vector<imageio::Image>& images, float* out) = 0;
};

/// Opens a scorer model given by its .pt (sidecar FILE.json beside it) or its sidecar .json; device as for
/// createEmbedder; batchSize 0 = the sidecar's. Throws winnow::Error (missing file, an embedder's sidecar,
/// a build without libtorch, ...).
std::unique_ptr<ImageScorer> createScorer(const std::string& spec, const std::string& device = "auto",
                                          int batchSize = 0);

}  // namespace winnow::curate
