// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "torchembed/torchscriptscorer.h"

#include "torchembed/session.h"

namespace winnow::torchembed {

TorchScriptScorer::TorchScriptScorer(const std::string& path, const RunOptions& options,
                                     const std::string& sidecarPath)
    : m_session(std::make_unique<ModelSession>(path, sidecarPath, options, ModelKind::Scorer)) {}

TorchScriptScorer::~TorchScriptScorer() = default;

std::string TorchScriptScorer::name() const {
    return m_session->sidecar().name;
}
std::string TorchScriptScorer::identityJson() const {
    return m_session->identityJson();
}
int TorchScriptScorer::batchSize() const {
    return m_session->batchSize();
}
int TorchScriptScorer::preferredMinSide() const {
    return m_session->sidecar().decodeMinSide;
}

void TorchScriptScorer::score(const std::vector<imageio::Image>& images, float* out) {
    m_session->run(images, out);
}

const Sidecar& TorchScriptScorer::sidecar() const {
    return m_session->sidecar();
}
const std::string& TorchScriptScorer::modelSha256() const {
    return m_session->modelSha256();
}
std::string TorchScriptScorer::device() const {
    return m_session->device();
}

}  // namespace winnow::torchembed
