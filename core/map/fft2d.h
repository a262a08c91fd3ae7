// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Internal to core/map: square 2-D FFTs for t-SNE's grid convolution (tsnerepulsion.cpp).

#include <algorithm>
#include <vector>

#include "map/parallel.h"

namespace winnow::map::detail {

/// An n x n complex grid as two row-major planes.
struct Grid {
    int n = 0;
    std::vector<double> re, im;
    /// Makes the grid size x size and sets columns [0, columns) of every row to zero (others undefined).
    void clear(int size, int columns) {
        n = size;
        re.resize(static_cast<std::size_t>(size) * size);
        im.resize(re.size());
        for (int r = 0; r < size; ++r) {
            std::fill_n(re.data() + static_cast<std::size_t>(r) * size, columns, 0.0);
            std::fill_n(im.data() + static_cast<std::size_t>(r) * size, columns, 0.0);
        }
    }
};

/// Unnormalised 2-D DFTs of size n x n for any n (fast for products of 2 and 3; other primes cost O(p)
/// per point and stage). Every 1-D transform is a Stockham autosort pass applied to many rows or
/// columns at once (the elements of a butterfly are whole row segments), so the inner loops run over
/// contiguous memory and vectorise. Columns are split among threads in fixed blocks and no addition is
/// reordered by the split: results do not depend on the thread count.
class Fft2d {
public:
    explicit Fft2d(int n);
    int size() const { return m_n; }

    /// In place: g becomes its forward transform, stored transposed:
    /// g[v][u] = sum_{r,c} g[r][c] e^{-2 pi i (u r + v c) / n}, where g is taken as zero outside the top-left
    /// used x used block. Only columns c < used are read, so rows r >= used of those must be zero (clear()).
    /// Afterwards the grid holds only the spectrum (every entry defined).
    void forward(Grid& g, int used, WorkerPool& pool);
    /// In place: a transposed spectrum (as forward() leaves it) becomes its unnormalised inverse transform
    /// in natural orientation; only the top-left used x used block is computed correctly.
    void inverse(Grid& g, int used, WorkerPool& pool);

private:
    struct Stage {
        int radix;
        int span;                    // Ns: size of the sub-transforms already combined
        std::vector<double> cosine;  // cos/sin(2 pi r (j mod span) / (span radix)), [j mod span][r]
        std::vector<double> sine;
    };
    /// 1-D transforms along the row index of columns [0, columns): element r is row r.
    void columns(Grid& g, int columns, bool inverse, WorkerPool& pool);
    /// g[r][c] for r < rows, c < cols becomes g[c][r]; entries outside that block become undefined.
    void transpose(Grid& g, int rows, int cols, WorkerPool& pool);

    int m_n;
    std::vector<Stage> m_stages;
    std::vector<double> m_rootCos, m_rootSin;  // e^{-2 pi i k / p} for the generic radix, per stage
    Grid m_scratch;
};

}  // namespace winnow::map::detail
