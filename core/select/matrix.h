// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace winnow::select {

/// A dense embedding matrix: rows samples of cols float32 values, row-major (row i starts at data[i*cols]).
struct Matrix {
    /// Number of samples.
    std::int64_t rows = 0;
    /// Embedding dimension.
    int cols = 0;
    /// rows*cols values, row-major.
    std::vector<float> data;

    const float* row(std::int64_t i) const { return data.data() + i * cols; }
    float* row(std::int64_t i) { return data.data() + i * cols; }
};

/// Reads a 2-D C-order .npy file (format versions 1.0, 2.0 and 3.0) of little-endian float32 ('<f4') or
/// float64 ('<f8', converted to float32). Throws winnow::Error naming the file and the problem for anything
/// else (other dtypes, big-endian, Fortran order, not 2-D, truncated data, bad magic or header).
Matrix loadNpy(const std::string& path);

/// Writes m as a version 1.0 '<f4' C-order .npy file. Throws winnow::Error on I/O failure.
void saveNpy(const std::string& path, const Matrix& m);

/// Reads a 1-D (or n x 1) little-endian int64 ('<i8') or int32 ('<i4') .npy array, e.g. sample ids.
/// Throws winnow::Error naming the file and the problem.
std::vector<std::int64_t> loadNpyIds(const std::string& path);

/// Writes ids as a 1-D '<i8' .npy array. Throws winnow::Error on I/O failure.
void saveNpyIds(const std::string& path, const std::vector<std::int64_t>& ids);

/// Scales every row to unit L2 norm (in float64, stored back as float32); all-zero rows stay zero.
void normalizeRows(Matrix& m);

/// Throws std::invalid_argument unless m.data.size() == rows*cols and rows, cols >= 0.
void checkShape(const Matrix& m);

}  // namespace winnow::select
