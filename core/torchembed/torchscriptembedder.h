// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "embed/embedder.h"
#include "torchembed/sidecar.h"
#include "torchembed/torchmodel.h"

namespace winnow::torchembed {

class ModelSession;

/// An embedder backed by a TorchScript model (.pt) and its sidecar (.json, see SIDECAR.md): images are
/// preprocessed in plain C++ exactly as the sidecar says, batched, run through the module on the chosen
/// device in inference mode, checked against output_dim and L2-normalised when the sidecar asks.
/// Stateless (needsFit() is false). Thread affinity: one thread at a time; libtorch runs its own threads.
class TorchScriptEmbedder : public embed::Embedder {
public:
    /// path: the model (.pt, its sidecar beside it with the same stem, or sidecarPath) or the sidecar
    /// (.json, its model_file or the same stem with .pt). Hashes the model file (SHA-256) and loads it.
    /// Throws winnow::Error with a message for people: missing file, invalid sidecar (file and field
    /// named), a scorer's sidecar, hash mismatch, unusable device, a file that is no TorchScript or comes
    /// from a newer PyTorch. Cost: reading and hashing the file, then torch::jit::load.
    explicit TorchScriptEmbedder(const std::string& path, const RunOptions& options = {},
                                 const std::string& sidecarPath = {});
    ~TorchScriptEmbedder() override;

    std::string name() const override;
    int dim() const override;
    /// {"kind": "torchscript", "version": 1, "name", "sidecar" (canonical, without informative fields),
    /// "model_sha256"}. The device is not part of it (CPU and GPU agree to float rounding).
    std::string identityJson() const override;
    bool normalized() const override;
    /// The sidecar's decode_min_side (0 = full size, for exact parity with the Python pipeline).
    int preferredMinSide() const override;
    int batchSize() const override;

    /// Embeds images (RGB or grey, any size) into images.size() rows of dim() floats. Throws winnow::Error
    /// for an unusable image or a model failure / output shape other than the sidecar's.
    /// Cost: one forward pass per batchSize() images plus the resizes.
    void embed(const std::vector<imageio::Image>& images, float* out) override;

    const Sidecar& sidecar() const;
    const std::string& modelPath() const;
    const std::string& modelSha256() const;
    /// "cpu" or "cuda:N".
    std::string device() const;

private:
    std::unique_ptr<ModelSession> m_session;
};

}  // namespace winnow::torchembed
