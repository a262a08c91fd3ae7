// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "embed/embedder.h"

namespace winnow::embed {

/// Knobs of the built-in embedder. The defaults are the measured choice (bench/embed_bench.py).
struct BuiltinParams {
    /// Length of the output vectors: the leading principal directions kept by the whitening (1 to the raw
    /// feature length, 832).
    int outputDim = 128;
    /// Images the fit asks for (fitSampleSize()); more only cost time, fewer than ~10 x outputDim make a
    /// noisier whitening. At least 2 are needed.
    std::int64_t fitSampleSize = 10000;
    /// Whitening shrinkage: every eigenvalue gets shrink x (mean kept eigenvalue) added before the
    /// division by its square root, so weak directions (noise, JPEG artefacts) are not blown up.
    double shrink = 0.3;
    /// Worker threads of embed() and addFitImages(); 0 = all cores. Results do not depend on it.
    int threads = 0;
};

/// The embedder that needs no download: a fixed, deterministic description of an image's layout, shape,
/// texture and colour, whitened by a PCA fitted on a sample of the data (name "builtin").
///
/// Raw features (832 floats; every image is first squashed to 64 x 64, area averaging when shrinking,
/// linear interpolation when enlarging; luma images count as R = G = B, so grey and colour images share
/// one space):
/// - luma thumbnail: 8 x 8 block means of the luma (brightness layout);
/// - orientation histograms of the luma gradient (HOG-like), 9 unsigned bins, on an 8 x 8 and a 4 x 4
///   grid of cells with bilinear spatial and orientation binning, each cell normalised by the gradient
///   energy of its 3 x 3 cell neighbourhood and square-rooted (shape and texture, fairly insensitive to
///   brightness and contrast);
/// - chroma layout: 4 x 4 block means of the opponent channels (R-G)/sqrt2 and (R+G-2B)/sqrt6, signed
///   square root (where which colour is; zero for grey images);
/// - global histograms: hue weighted by chroma (8 bins) and luma (8 bins), square-rooted.
/// Then y = W (x - mean) with W the leading outputDim eigenvectors of the fitted covariance, each scaled
/// by 1 / sqrt(eigenvalue + epsilon), and y is L2-normalised.
///
/// Thread affinity: one thread at a time (Embedder's contract); embed() and addFitImages() run
/// BuiltinParams::threads threads inside and join them before returning.
class BuiltinEmbedder final : public Embedder {
public:
    /// Throws std::invalid_argument when params are out of range.
    explicit BuiltinEmbedder(const BuiltinParams& params = {});
    ~BuiltinEmbedder() override;

    /// Length of the raw feature vector before the whitening (832).
    static int rawDim();
    /// Version of the raw features; a state fitted under another one is refused by loadState.
    static int featureVersion();

    std::string name() const override { return "builtin"; }
    /// The fitted or loaded state's output length; before that, BuiltinParams::outputDim.
    int dim() const override;
    /// {"kind":"builtin","version":V,"dim":D,"state_sha256":S}: V = featureVersion(), S = SHA-256 (hex) of
    /// the bytes saveState writes, null before a fit or load.
    std::string identityJson() const override;
    bool normalized() const override { return true; }
    int preferredMinSide() const override;
    int batchSize() const override { return 256; }

    bool needsFit() const override { return !m_state; }
    std::int64_t fitSampleSize() const override;
    /// Starts a new fit (any earlier fitted state stays in use until endFit succeeds).
    void beginFit() override;
    /// Computes the raw features of images (in parallel) and adds them to the covariance, in order; the
    /// fitted state depends only on the sequence of images, not on how they are batched.
    /// Throws winnow::Error for an empty or malformed image (nothing of this batch is added then).
    /// O(n x 832^2) besides the features.
    void addFitImages(const std::vector<imageio::Image>& images) override;
    /// Eigen-decomposes the covariance (float64, about a second) and installs the whitening. Throws
    /// winnow::Error with fewer than 2 images, winnow::Canceled when progress is canceled before the solve.
    void endFit(Progress& progress = nullProgress()) override;
    /// Writes the fitted state (binary, ~0.4 MB at 128 dims: magic, versions, sizes, eigenvalues, mean,
    /// projection, then the SHA-256 of all that). Throws winnow::Error when not fitted or on I/O failure.
    void saveState(const std::string& path) const override;
    /// Reads a file written by saveState. Throws winnow::Error (naming the file) when it cannot be read, is
    /// not such a file, is truncated or corrupt (checksum), was made for other raw features, or holds
    /// non-finite numbers; the current state is then unchanged.
    void loadState(const std::string& path) override;

    /// Embeds images (8-bit RGB or luma, any size >= 1 x 1) into out: images.size() rows of dim() floats,
    /// each of unit L2 norm (an image whose whitened vector is zero, i.e. exactly the fitted mean, gets the
    /// first unit vector). Throws winnow::Error when not fitted or for an empty or malformed image (naming
    /// its index in the batch). About 0.1 ms of one core per image plus the resampling of large images.
    /// Results are bit-identical whatever the thread count.
    void embed(const std::vector<imageio::Image>& images, float* out) override;

    /// Raw features (rawDim() floats per image, row-major) of images, for diagnostics and tests.
    /// Throws winnow::Error as embed() does (but needs no fit).
    void rawFeatures(const std::vector<imageio::Image>& images, float* out) const;

private:
    struct State;
    struct Fit;

    BuiltinParams m_params;
    std::shared_ptr<const State> m_state;
    std::unique_ptr<Fit> m_fit;
};

}  // namespace winnow::embed
