// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Internal to core/embed: the fixed, deterministic raw feature function of the built-in embedder
// (docs: builtin.h). Exposed here so that the tests can check its parts against the numpy reference in
// tests/data/embed/make_reference.py, which implements the same definitions independently.

#include <cstdint>
#include <vector>

#include "imageio/image.h"

namespace winnow::embed::detail {

/// Every image is resampled to kSide x kSide before any feature is taken.
constexpr int kSide = 64;
/// Changes whenever any raw feature changes: fitted states carry it and refuse another one.
constexpr int kFeatureVersion = 1;

/// Sizes of the groups of the raw vector, in the order they appear in it.
constexpr int kLumaGrid = 8;    ///< luma thumbnail: 8 x 8 block means
constexpr int kHogBins = 9;     ///< unsigned orientation bins over [0, pi)
constexpr int kHogFine = 8;     ///< fine orientation grid: 8 x 8 cells of 8 x 8 px
constexpr int kHogCoarse = 4;   ///< coarse orientation grid: 4 x 4 cells of 16 x 16 px
constexpr int kColourGrid = 4;  ///< chroma layout: 4 x 4 block means of the two opponent channels
constexpr int kHueBins = 8;     ///< global hue histogram, weighted by chroma
constexpr int kLumaBins = 8;    ///< global luma histogram

constexpr int kLumaDim = kLumaGrid * kLumaGrid;
constexpr int kHogFineDim = kHogFine * kHogFine * kHogBins;
constexpr int kHogCoarseDim = kHogCoarse * kHogCoarse * kHogBins;
constexpr int kColourDim = kColourGrid * kColourGrid * 2;
constexpr int kRawDim = kLumaDim + kHogFineDim + kHogCoarseDim + kColourDim + kHueBins + kLumaBins;

/// Floor of the neighbourhood energy in the orientation-histogram normalisation (mean gradient magnitude
/// per pixel, luma in [0, 1]): regions flatter than this keep small histograms instead of amplified noise
/// (measured: 0.1 keeps Fashion-MNIST k-NN and makes low-contrast photo crops robust to JPEG).
constexpr float kHogEpsilon = 0.1f;

/// Canonical planes of one image, each kSide x kSide floats in row-major order.
struct Planes {
    std::vector<float> r, g, b;  ///< R, G, B in [0, 1] (all three equal for luma images)
    std::vector<float> luma;     ///< 0.299 R + 0.587 G + 0.114 B, written so that R = G = B gives R exactly
    std::vector<float> o1, o2;   ///< opponent chroma (R - G) / sqrt 2 and (R + G - 2 B) / sqrt 6
};

/// Luma gradients split between two orientation bins: pixel i adds m0[i] to bin[i] and m1[i] to the next
/// bin (circularly).
struct OrientedGradients {
    std::vector<std::uint8_t> bin;
    std::vector<float> m0, m1;
};

/// Per-thread scratch of rawFeatures (buffers are reused across images).
struct FeatureScratch {
    Planes planes;
    std::vector<float> row;   ///< one horizontally resampled input row
    std::vector<float> grid;  ///< canonical image, interleaved channels
    std::vector<float> hist;  ///< orientation histograms before normalisation
    OrientedGradients gradients;
};

/// Resamples an 8-bit image (1 or 3 channels, any size) to side x side x channels floats in [0, 1],
/// interleaved, row-major, separably: along each axis exact area averaging when the axis shrinks (output i
/// averages input [i in/out, (i+1) in/out), partial pixels weighted by their overlap) and linear
/// interpolation at pixel centres, clamped at the edges, when it grows. Aspect is not kept (squashed).
/// Rows are streamed: O(side * side * channels + taps) memory whatever the height. Precondition: image is
/// not empty, channels is 1 or 3, side >= 1.
void resampleSquare(const imageio::Image& image, int side, std::vector<float>& out, std::vector<float>& row);

/// Fills planes from a kSide x kSide canonical image (resampleSquare's output, channels 1 or 3).
void makePlanes(const float* grid, int channels, Planes& planes);

/// Orientation histograms of a side x side luma plane over a cells x cells grid, kHogBins bins each, laid
/// out [cellY][cellX][bin]: central-difference gradients (edges replicated), magnitude split linearly
/// between the two nearest unsigned orientation bins and bilinearly between the four nearest cell centres,
/// divided by the cell area, each cell divided by sqrt(mean over its 3 x 3 cell neighbourhood (edges
/// replicated) of the summed squared bins + kHogEpsilon^2), then square-rooted. out: cells*cells*kHogBins.
void orientationHistograms(const float* luma, int side, int cells, float* out, std::vector<float>& scratch);

/// The two steps of orientationHistograms, so that several grids share one gradient computation.
void orientedGradients(const float* luma, int side, OrientedGradients& g);
void histogramGrid(const OrientedGradients& g, int side, int cells, float* out, std::vector<float>& scratch);

/// The raw feature vector (kRawDim floats) of one image; see builtin.h for what the groups are.
/// Deterministic: the same image gives the same bits on the same build. Precondition as resampleSquare.
void rawFeatures(const imageio::Image& image, float* out, FeatureScratch& scratch);

}  // namespace winnow::embed::detail
