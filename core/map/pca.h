// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/progress.h"
#include "select/matrix.h"

namespace winnow::map {

/// Principal component projection: rows of X centred by the column means, projected on the eigenvectors
/// of the covariance matrix (np.cov, n-1) with the `components` largest eigenvalues, in decreasing order.
/// Sign rule (deterministic): each component is flipped so that its loading of largest magnitude is
/// positive (lowest column index on ties), as scikit-learn >= 1.5's svd_flip(u_based_decision=False).
/// Returns rows x components. Covariance accumulated in float64 over fixed blocks of rows whose partial
/// sums are added in order, so the result does not depend on the thread count (threads <= 0: all cores).
/// O(n d^2 + d^3) time, O(d^2) memory per block in flight. Throws std::invalid_argument for a bad matrix
/// or components outside [1, cols]; winnow::Canceled when progress is canceled (polled per block).
/// Rows < 2 give zeros.
select::Matrix pca(const select::Matrix& X, int components, int threads = 0,
                   Progress& progress = nullProgress());

/// pca(X, 2): the 2-D PCA layout. For X with a single column the second column is zero.
select::Matrix pca2d(const select::Matrix& X, int threads = 0, Progress& progress = nullProgress());

}  // namespace winnow::map
