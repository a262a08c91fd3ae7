// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "select/matrix.h"

namespace winnow::bench {

/// Parameters of the seeded embedding generator (see mixture()).
struct MixtureParams {
    std::int64_t n = 100000;
    int d = 512;
    int components = 100;
    int subspace = 16;           ///< dimension of each component's own subspace
    double subspaceScale = 0.6;  ///< norm of a component's subspace offset (std per subspace direction)
    double noise = 0.3;          ///< norm of the isotropic noise
    std::uint64_t seed = 20260401;
};

/// Gaussian-mixture "embeddings", L2-normalised, deterministic for the parameters on every platform:
/// component j has a unit centre c_j (normalised standard normal), a weight w_j ~ U(0.5, 1.5) and a basis
/// A_j of `subspace` vectors with entries N(0, subspaceScale^2 / (subspace * d)); row i picks component j
/// with probability proportional to w_j and is c_j + A_j u + (noise / sqrt(d)) z (u, z standard normal),
/// then scaled to unit length. Random numbers: std::mt19937_64 seeded with splitmix64(seed) for the
/// components and splitmix64(seed + 1 + i) for row i, uniforms from the top 53 bits, normals by
/// Box-Muller (no implementation-defined std:: distributions). So rows are independent of the thread
/// count, and a row's values do not depend on n. Intrinsic dimension per component is about `subspace`,
/// like real image embeddings, rather than d (isotropic noise in 512-d makes every ANN method look bad).
select::Matrix mixture(const MixtureParams& p, int threads);

/// Writes a 2-D little-endian .npy of float64 or int64 values.
void saveNpy64(const std::string& path, const std::vector<double>& values, std::int64_t rows,
               std::int64_t cols);
void saveNpy64(const std::string& path, const std::vector<std::int64_t>& values, std::int64_t rows,
               std::int64_t cols);

}  // namespace winnow::bench
