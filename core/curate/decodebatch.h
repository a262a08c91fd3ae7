// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Decoding a batch of samples' images for a model (embed runs, model scores): internal to core/curate.
#pragma once

#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "imageio/image.h"

namespace winnow::curate {

/// Decoded images of a batch; images[i] is empty when samples[i] failed (errors[i] says why).
struct DecodedBatch {
    std::vector<catalog::Sample> samples;
    std::vector<imageio::Image> images;
    std::vector<std::string> errors;
};

/// Decodes a batch on `threads` threads (JPEGs at reduced size down to minSide; 0 = full size). Images far
/// larger than the model needs are shrunk by area averaging (shorter side to 4x minSide) so that a batch of
/// big PNGs stays small. Never throws for a bad image: it is reported in errors.
DecodedBatch decodeBatch(std::vector<catalog::Sample> samples, const std::string& dataDir, int minSide, int threads);

}  // namespace winnow::curate
