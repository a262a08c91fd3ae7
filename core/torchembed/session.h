// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "imageio/image.h"
#include "torchembed/preprocess.h"
#include "torchembed/sidecar.h"
#include "torchembed/torchmodel.h"

namespace winnow::torchembed {

/// What TorchScriptEmbedder and TorchScriptScorer share: the located files, the sidecar, the model's
/// SHA-256, the preprocessing and the loaded module, and the batched run. Torch-free header.
/// Thread affinity: one thread at a time.
class ModelSession {
public:
    /// path: the .pt or the .json (see locateModel); sidecarPath overrides the sidecar beside a .pt.
    /// Checks the sidecar's kind against `kind`, hashes the model file (and compares with the sidecar's
    /// sha256 when given), then loads it. Throws winnow::Error with a message for people.
    ModelSession(const std::string& path, const std::string& sidecarPath, const RunOptions& options,
                 ModelKind kind);
    ~ModelSession();

    const Sidecar& sidecar() const { return m_files.sidecar; }
    const std::string& modelPath() const { return m_files.modelPath; }
    const std::string& sidecarPath() const { return m_files.sidecarPath; }
    const std::string& modelSha256() const { return m_sha256; }
    std::string device() const { return m_model->device(); }
    int batchSize() const { return m_batchSize; }

    /// {"kind": "torchscript", "version": 1, "name", "sidecar": the canonical sidecar without its
    /// informative fields, "model_sha256"} as compact JSON with sorted keys.
    std::string identityJson() const;

    /// Preprocesses and runs images in batches of batchSize(); out gets images.size() x output_dim floats,
    /// L2-normalised per row (in double) when the sidecar says so (all-zero rows stay zero).
    /// Throws winnow::Error (bad image, model failure, wrong output shape).
    void run(const std::vector<imageio::Image>& images, float* out);

private:
    ModelFiles m_files;
    std::string m_sha256;
    int m_batchSize = 32;
    Preprocessor m_preprocessor;
    std::unique_ptr<TorchModel> m_model;
    std::vector<float> m_input;
};

}  // namespace winnow::torchembed
