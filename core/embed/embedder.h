// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/progress.h"
#include "imageio/image.h"

namespace winnow::embed {

/// Turns decoded images into fixed-length float vectors. Every embedder is named: "builtin" for the
/// built-in one, the sidecar's "name" for a TorchScript model; that name is what commands and the GUI use.
///
/// Life cycle: construct, then (only when needsFit()) beginFit / addFitImages ... / endFit, or loadState
/// from a file written by saveState; then embed() as often as needed.
/// Thread affinity: one thread at a time calls an embedder; it may run threads of its own inside.
class Embedder {
public:
    virtual ~Embedder() = default;

    /// "builtin" or the sidecar's name.
    virtual std::string name() const = 0;
    /// Length of the output vectors (valid once fitted / loaded).
    virtual int dim() const = 0;
    /// JSON object text that identifies this embedder exactly: its kind, version, sidecar, the SHA-256 of
    /// the model file or of the fitted state. Two embedders with the same identity give the same vectors.
    virtual std::string identityJson() const = 0;
    /// Whether the outputs are L2-normalised.
    virtual bool normalized() const = 0;
    /// Images are fine to hand over when their shorter side is at least this (the caller may decode
    /// JPEGs at a reduced size down to it); 0 = full size wanted.
    virtual int preferredMinSide() const { return 0; }
    /// A good number of images per embed() call.
    virtual int batchSize() const { return 64; }

    /// Embedders that learn from the data (the built-in one fits a PCA whitening) say so here until they
    /// are fitted or loaded; the caller then streams a sample of the images through addFitImages.
    virtual bool needsFit() const { return false; }
    /// How many images the fit wants (a spread sample of the data); 0 when needsFit() is false.
    virtual std::int64_t fitSampleSize() const { return 0; }
    virtual void beginFit() {}
    virtual void addFitImages(const std::vector<imageio::Image>& /*images*/) {}
    /// Throws winnow::Error when too few images were given.
    virtual void endFit(Progress& /*progress*/ = nullProgress()) {}
    /// The fitted state as a file (binary or JSON, the embedder's choice); no-ops for stateless ones.
    virtual void saveState(const std::string& /*path*/) const {}
    virtual void loadState(const std::string& /*path*/) {}

    /// Embeds images (RGB or luma, any size) into out: images.size() rows of dim() floats, row-major.
    /// Throws winnow::Error (with a message for people) when it cannot.
    virtual void embed(const std::vector<imageio::Image>& images, float* out) = 0;
};

}  // namespace winnow::embed
