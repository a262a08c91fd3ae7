// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "embed/builtin.h"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>

#include <Eigen/Core>

#include "common/error.h"
#include "embed/features.h"
#include "embed/parallel.h"
#include "embed/state.h"
#include "embed/whitening.h"

namespace winnow::embed {

struct BuiltinEmbedder::State {
    detail::Whitening whitening;
    std::string sha256;  ///< of the serialised state
};

struct BuiltinEmbedder::Fit {
    detail::CovarianceAccumulator covariance{detail::kRawDim};
};

namespace {

void checkImages(const std::vector<imageio::Image>& images) {
    for (std::size_t i = 0; i < images.size(); ++i) {
        const imageio::Image& im = images[i];
        const std::string which = "image " + std::to_string(i) + " of the batch";
        if (im.empty())
            throw Error(which + " is empty (" + std::to_string(im.width) + " x " + std::to_string(im.height) +
                        ")");
        if (im.channels != 1 && im.channels != 3) {
            throw Error(which + " has " + std::to_string(im.channels) + " channels (1 or 3 expected)");
        }
        if (im.pixels.size() != static_cast<std::size_t>(im.width) * im.height * im.channels) {
            throw Error(which + " has " + std::to_string(im.pixels.size()) +
                        " bytes of pixels, not width x height x channels");
        }
    }
}

}  // namespace

BuiltinEmbedder::BuiltinEmbedder(const BuiltinParams& params) : m_params(params) {
    if (params.outputDim < 1 || params.outputDim > detail::kRawDim) {
        throw std::invalid_argument("BuiltinParams::outputDim must be in [1, " +
                                    std::to_string(detail::kRawDim) + "]");
    }
    if (params.fitSampleSize < 2) throw std::invalid_argument("BuiltinParams::fitSampleSize must be >= 2");
    if (!(params.shrink >= 0.0) || !std::isfinite(params.shrink)) {
        throw std::invalid_argument("BuiltinParams::shrink must be finite and >= 0");
    }
    if (params.threads < 0) throw std::invalid_argument("BuiltinParams::threads must be >= 0");
}

BuiltinEmbedder::~BuiltinEmbedder() = default;

int BuiltinEmbedder::rawDim() {
    return detail::kRawDim;
}

int BuiltinEmbedder::featureVersion() {
    return detail::kFeatureVersion;
}

int BuiltinEmbedder::dim() const {
    return m_state ? m_state->whitening.outputDim : m_params.outputDim;
}

std::string BuiltinEmbedder::identityJson() const {
    return "{\"kind\":\"builtin\",\"version\":" + std::to_string(detail::kFeatureVersion) +
           ",\"dim\":" + std::to_string(dim()) +
           ",\"state_sha256\":" + (m_state ? "\"" + m_state->sha256 + "\"" : std::string("null")) + "}";
}

int BuiltinEmbedder::preferredMinSide() const {
    return detail::kSide;
}

std::int64_t BuiltinEmbedder::fitSampleSize() const {
    return needsFit() ? m_params.fitSampleSize : 0;
}

void BuiltinEmbedder::beginFit() {
    m_fit = std::make_unique<Fit>();
}

void BuiltinEmbedder::rawFeatures(const std::vector<imageio::Image>& images, float* out) const {
    checkImages(images);
    const int threads = detail::resolveThreads(m_params.threads);
    std::vector<detail::FeatureScratch> scratch(
        std::min<std::size_t>(threads, std::max<std::size_t>(images.size(), 1)));
    detail::parallelFor(static_cast<std::int64_t>(images.size()), threads, [&](std::int64_t i, int worker) {
        detail::rawFeatures(images[i], out + i * detail::kRawDim, scratch[worker]);
    });
}

void BuiltinEmbedder::addFitImages(const std::vector<imageio::Image>& images) {
    std::vector<float> raw(images.size() * detail::kRawDim);
    rawFeatures(images, raw.data());
    if (!m_fit) beginFit();
    for (std::size_t i = 0; i < images.size(); ++i) m_fit->covariance.add(raw.data() + i * detail::kRawDim);
}

void BuiltinEmbedder::endFit(Progress& progress) {
    const std::int64_t n = m_fit ? m_fit->covariance.count() : 0;
    if (n < 2) {
        throw Error("the built-in embedder needs at least 2 images to fit its whitening (got " +
                    std::to_string(n) + ")");
    }
    const char* stage = "fitting the built-in embedder";
    progress.report(0, 1, stage);
    if (progress.isCanceled()) throw Canceled();
    std::vector<double> mean, covariance;
    m_fit->covariance.result(mean, covariance);
    auto state = std::make_shared<State>();
    state->whitening =
        detail::fitWhitening(mean, covariance, detail::kRawDim, m_params.outputDim, m_params.shrink, n);
    const std::vector<std::uint8_t> bytes = detail::serializeState(state->whitening, detail::kFeatureVersion);
    state->sha256 = detail::sha256Hex(bytes.data(), bytes.size());
    m_state = std::move(state);
    m_fit.reset();
    progress.report(1, 1, stage);
}

void BuiltinEmbedder::saveState(const std::string& path) const {
    if (!m_state) throw Error("the built-in embedder is not fitted: nothing to save to " + path);
    const std::vector<std::uint8_t> bytes =
        detail::serializeState(m_state->whitening, detail::kFeatureVersion);
    const std::string temp = path + ".part";
    {
        std::ofstream file(temp, std::ios::binary | std::ios::trunc);
        if (!file) throw Error(errnoMessage("cannot write " + temp, errno));
        file.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
        file.flush();
        if (!file) throw Error(errnoMessage("cannot write " + temp, errno));
    }
    std::error_code ec;
    std::filesystem::rename(temp, path, ec);
    if (ec) {
        std::filesystem::remove(temp, ec);
        throw Error("cannot write " + path + ": " + ec.message());
    }
}

void BuiltinEmbedder::loadState(const std::string& path) {
    std::ifstream file(path, std::ios::binary);
    if (!file) throw Error(errnoMessage("cannot open " + path, errno));
    std::vector<std::uint8_t> bytes((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
    if (file.bad()) throw Error(errnoMessage("cannot read " + path, errno));
    auto state = std::make_shared<State>();
    state->whitening = detail::parseState(bytes, detail::kFeatureVersion, detail::kRawDim, path);
    state->sha256 = detail::sha256Hex(bytes.data(), bytes.size());
    m_state = std::move(state);
}

void BuiltinEmbedder::embed(const std::vector<imageio::Image>& images, float* out) {
    if (!m_state) {
        throw Error(
            "the built-in embedder is not fitted: fit it on a sample of the images or load its state");
    }
    checkImages(images);
    const detail::Whitening& w = m_state->whitening;
    const int threads = detail::resolveThreads(m_params.threads);
    const std::size_t workers = std::min<std::size_t>(threads, std::max<std::size_t>(images.size(), 1));
    std::vector<detail::FeatureScratch> scratch(workers);
    // Per-worker buffers: the product's summation order must not depend on where a row lands in out.
    std::vector<Eigen::VectorXf> centred(workers, Eigen::VectorXf(w.inputDim));
    std::vector<Eigen::VectorXf> projected(workers, Eigen::VectorXf(w.outputDim));
    using RowMajor = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
    const Eigen::Map<const RowMajor> projection(w.projection.data(), w.outputDim, w.inputDim);
    const Eigen::Map<const Eigen::VectorXf> mean(w.mean.data(), w.inputDim);
    detail::parallelFor(static_cast<std::int64_t>(images.size()), threads, [&](std::int64_t i, int worker) {
        Eigen::VectorXf& x = centred[worker];
        Eigen::VectorXf& y = projected[worker];
        detail::rawFeatures(images[i], x.data(), scratch[worker]);
        x -= mean;
        y.noalias() = projection * x;
        double norm = 0.0;
        for (int k = 0; k < w.outputDim; ++k) norm += static_cast<double>(y[k]) * y[k];
        norm = std::sqrt(norm);
        float* row = out + i * w.outputDim;
        if (norm > 1e-20) {
            const float scale = static_cast<float>(1.0 / norm);
            for (int k = 0; k < w.outputDim; ++k) row[k] = y[k] * scale;
        } else {
            std::fill(row, row + w.outputDim, 0.0f);
            row[0] = 1.0f;
        }
    });
}

}  // namespace winnow::embed
