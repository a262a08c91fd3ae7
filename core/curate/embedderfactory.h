// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <memory>
#include <string>

#include "embed/embedder.h"

namespace winnow::curate {

/// Creates an embedder: "builtin" (not yet fitted), or a TorchScript model given by its .pt file (the
/// sidecar is FILE.json beside it) or by its sidecar .json (which names the model file). device is
/// "auto", "cpu" or "cuda". Throws winnow::Error with a message for people (missing file, bad sidecar,
/// no CUDA, a build without libtorch).
std::unique_ptr<embed::Embedder> createEmbedder(const std::string& spec, const std::string& device = "auto");

}  // namespace winnow::curate
