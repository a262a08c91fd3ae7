// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "torchembed/session.h"

#include <algorithm>
#include <cmath>

#include <nlohmann/json.hpp>

#include "common/error.h"
#include "torchembed/filehash.h"

namespace winnow::torchembed {
namespace {

ModelFiles locateChecked(const std::string& path, const std::string& sidecarPath, ModelKind kind) {
    ModelFiles files = locateModel(path, sidecarPath);
    if (files.sidecar.kind != kind) {
        const bool scorer = files.sidecar.kind == ModelKind::Scorer;
        throw Error("model " + files.sidecar.name + " (" + files.sidecarPath + ") is " +
                    (scorer ? "a scorer" : "an embedder") + ", not " + (scorer ? "an embedder" : "a scorer") +
                    " (field 'kind')");
    }
    return files;
}

}  // namespace

ModelSession::ModelSession(const std::string& path, const std::string& sidecarPath, const RunOptions& options,
                           ModelKind kind)
    : m_files(locateChecked(path, sidecarPath, kind)), m_preprocessor(m_files.sidecar) {
    const Sidecar& s = m_files.sidecar;
    m_sha256 = sha256File(m_files.modelPath);
    if (!s.sha256.empty() && s.sha256 != m_sha256) {
        throw Error("model file " + m_files.modelPath + " does not match " + m_files.sidecarPath +
                    " (sha256 " + m_sha256 + ", the sidecar expects " + s.sha256 +
                    "): export the pair again or correct the field 'sha256'");
    }
    m_batchSize = options.batchSize > 0 ? options.batchSize : s.batchSize;
    m_model = std::make_unique<TorchModel>(m_files.modelPath, s, options);
}

ModelSession::~ModelSession() = default;

std::string ModelSession::identityJson() const {
    nlohmann::json j;
    j["kind"] = "torchscript";
    j["version"] = 1;
    j["name"] = m_files.sidecar.name;
    j["sidecar"] = nlohmann::json::parse(sidecarJson(m_files.sidecar, false));
    j["model_sha256"] = m_sha256;
    return j.dump();
}

void ModelSession::run(const std::vector<imageio::Image>& images, float* out) {
    const Sidecar& s = m_files.sidecar;
    const std::size_t dim = static_cast<std::size_t>(s.outputDim);
    const std::size_t per = m_preprocessor.imageSize();
    for (std::size_t start = 0; start < images.size(); start += static_cast<std::size_t>(m_batchSize)) {
        const std::size_t n = std::min(images.size() - start, static_cast<std::size_t>(m_batchSize));
        m_input.resize(n * per);
        for (std::size_t i = 0; i < n; ++i) {
            m_preprocessor.run(images[start + i], m_input.data() + i * per);
        }
        float* rows = out + start * dim;
        m_model->forward(m_input.data(), static_cast<int>(n), rows);
        if (s.l2Normalize) {
            for (std::size_t i = 0; i < n; ++i) {
                float* row = rows + i * dim;
                double sum = 0.0;
                for (std::size_t k = 0; k < dim; ++k) {
                    sum += static_cast<double>(row[k]) * row[k];
                }
                if (sum > 0.0) {
                    const double scale = 1.0 / std::sqrt(sum);
                    for (std::size_t k = 0; k < dim; ++k) {
                        row[k] = static_cast<float>(row[k] * scale);
                    }
                }
            }
        }
    }
}

}  // namespace winnow::torchembed
