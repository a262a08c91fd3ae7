// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "torchembed/torchscriptembedder.h"

#include "torchembed/session.h"

namespace winnow::torchembed {

TorchScriptEmbedder::TorchScriptEmbedder(const std::string& path, const RunOptions& options,
                                         const std::string& sidecarPath)
    : m_session(std::make_unique<ModelSession>(path, sidecarPath, options, ModelKind::Embedder)) {}

TorchScriptEmbedder::~TorchScriptEmbedder() = default;

std::string TorchScriptEmbedder::name() const {
    return m_session->sidecar().name;
}
int TorchScriptEmbedder::dim() const {
    return m_session->sidecar().outputDim;
}
std::string TorchScriptEmbedder::identityJson() const {
    return m_session->identityJson();
}
bool TorchScriptEmbedder::normalized() const {
    return m_session->sidecar().l2Normalize;
}
int TorchScriptEmbedder::preferredMinSide() const {
    return m_session->sidecar().decodeMinSide;
}
int TorchScriptEmbedder::batchSize() const {
    return m_session->batchSize();
}

void TorchScriptEmbedder::embed(const std::vector<imageio::Image>& images, float* out) {
    m_session->run(images, out);
}

const Sidecar& TorchScriptEmbedder::sidecar() const {
    return m_session->sidecar();
}
const std::string& TorchScriptEmbedder::modelPath() const {
    return m_session->modelPath();
}
const std::string& TorchScriptEmbedder::modelSha256() const {
    return m_session->modelSha256();
}
std::string TorchScriptEmbedder::device() const {
    return m_session->device();
}

}  // namespace winnow::torchembed
