// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>

#include <opencv2/core.hpp>

namespace winnow::bench {

/// A deterministic photo-like BGR image: smooth gradients, a low-frequency texture, soft-edged shapes
/// fine detail of about `detail` grey levels and sensor-like noise of standard deviation `noise`, so that
/// JPEG compresses it about as a photo.
cv::Mat synthesizePhoto(int width, int height, std::uint64_t seed, double noise, double detail);

}  // namespace winnow::bench
