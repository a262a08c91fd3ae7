// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "imageio/image.h"
#include "torchembed/sidecar.h"
#include "torchembed/torchmodel.h"

namespace winnow::torchembed {

class ModelSession;

/// A per-image scorer backed by a TorchScript model whose sidecar has kind "scorer" (output_dim 1; the
/// module returns [batch] or [batch, 1]), e.g. an aesthetic predictor exported together with its image
/// encoder. Preprocessing, devices, batching and errors as TorchScriptEmbedder.
/// Thread affinity: one thread at a time.
class TorchScriptScorer {
public:
    /// As TorchScriptEmbedder's constructor; throws winnow::Error for an embedder's sidecar too.
    explicit TorchScriptScorer(const std::string& path, const RunOptions& options = {},
                               const std::string& sidecarPath = {});
    ~TorchScriptScorer();

    std::string name() const;
    /// Same form as TorchScriptEmbedder::identityJson.
    std::string identityJson() const;
    int batchSize() const;
    /// Images may be decoded at reduced size down to this shorter side (0 = full size).
    int preferredMinSide() const;

    /// One score per image into out (the model's raw value; no squashing). Throws winnow::Error.
    void score(const std::vector<imageio::Image>& images, float* out);

    const Sidecar& sidecar() const;
    const std::string& modelSha256() const;
    std::string device() const;

private:
    std::unique_ptr<ModelSession> m_session;
};

}  // namespace winnow::torchembed
