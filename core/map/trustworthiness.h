// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/progress.h"
#include "select/matrix.h"

namespace winnow::map {

/// Trustworthiness of a layout (Venna and Kaski 2001; scikit-learn's manifold.trustworthiness, Euclidean):
/// T(k) = 1 - 2 / (n k (2n - 3k - 1)) * sum_i sum_{j in U_k(i)} (r(i, j) - k), with U_k(i) the k nearest
/// neighbours of i in the layout that are not among its k nearest in X, and r(i, j) the rank of j among
/// i's neighbours in X (1 = nearest). Ties, which scikit-learn leaves to its sort, go to the lower index in
/// both spaces. Input distances in float64 (blocked Eigen products, as scikit-learn upcasts float32), the
/// sum in exact integers, so the value does not depend on the thread count. O(n^2 (d + k)) time on
/// `threads` cores (<= 0: all), O(256 n) scratch per thread: 10,000 x 50 takes about 6 CPU seconds.
/// Throws std::invalid_argument unless layout.rows == X.rows and 1 <= k < n / 2 (scikit-learn's bound);
/// winnow::Canceled when progress is canceled (polled per block of 256 rows).
double trustworthiness(const select::Matrix& X, const select::Matrix& layout, int k = 5, int threads = 0,
                       Progress& progress = nullProgress());

}  // namespace winnow::map
