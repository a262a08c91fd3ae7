// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "data.h"

#include <cmath>
#include <fstream>
#include <random>
#include <stdexcept>

namespace winnow::bench {
namespace {

std::uint64_t splitmix64(std::uint64_t x) {
    x += 0x9E3779B97F4A7C15ULL;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
    return x ^ (x >> 31);
}

/// Standard normals by Box-Muller from mt19937_64 (portable, unlike std::normal_distribution).
class Normal {
public:
    explicit Normal(std::uint64_t seed) : m_rng(seed) {}
    double uniform() { return static_cast<double>(m_rng() >> 11) * 0x1.0p-53; }
    double operator()() {
        if (m_hasSpare) {
            m_hasSpare = false;
            return m_spare;
        }
        double u1;
        do u1 = uniform();
        while (u1 <= 0);
        const double u2 = uniform();
        const double r = std::sqrt(-2.0 * std::log(u1));
        m_spare = r * std::sin(2 * M_PI * u2);
        m_hasSpare = true;
        return r * std::cos(2 * M_PI * u2);
    }

private:
    std::mt19937_64 m_rng;
    double m_spare = 0;
    bool m_hasSpare = false;
};

template <class T>
void writeNpy(const std::string& path, const std::vector<T>& values, std::int64_t rows, std::int64_t cols,
              const char* descr) {
    if (static_cast<std::int64_t>(values.size()) != rows * cols)
        throw std::invalid_argument("saveNpy64: bad shape");
    std::string header = std::string("{'descr': '") + descr + "', 'fortran_order': False, 'shape': (" +
                         std::to_string(rows) + ", " + std::to_string(cols) + "), }";
    while ((10 + header.size() + 1) % 64 != 0) header += ' ';
    header += '\n';
    std::ofstream out(path, std::ios::binary);
    const unsigned char magic[8] = {0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0};
    out.write(reinterpret_cast<const char*>(magic), 8);
    const auto len = static_cast<std::uint16_t>(header.size());
    out.write(reinterpret_cast<const char*>(&len), 2);
    out << header;
    out.write(reinterpret_cast<const char*>(values.data()),
              static_cast<std::streamsize>(values.size() * sizeof(T)));
    if (!out) throw std::runtime_error("cannot write " + path);
}

}  // namespace

select::Matrix mixture(const MixtureParams& p, int threads) {
    const int d = p.d;
    const int s = p.subspace;
    Normal g(splitmix64(p.seed));
    std::vector<double> centres(static_cast<std::size_t>(p.components) * d);
    std::vector<double> bases(static_cast<std::size_t>(p.components) * s * d);
    std::vector<double> cumulative(static_cast<std::size_t>(p.components));
    double total = 0;
    const double basisScale = p.subspaceScale / std::sqrt(static_cast<double>(s) * d);
    for (int j = 0; j < p.components; ++j) {
        double n2 = 0;
        for (int t = 0; t < d; ++t) {
            const double v = g();
            centres[static_cast<std::size_t>(j) * d + t] = v;
            n2 += v * v;
        }
        for (int t = 0; t < d; ++t) centres[static_cast<std::size_t>(j) * d + t] /= std::sqrt(n2);
        for (int t = 0; t < s * d; ++t) bases[(static_cast<std::size_t>(j) * s) * d + t] = basisScale * g();
        total += 0.5 + g.uniform();
        cumulative[static_cast<std::size_t>(j)] = total;
    }
    select::Matrix X;
    X.rows = p.n;
    X.cols = d;
    X.data.resize(static_cast<std::size_t>(p.n) * d);
    const double noise = p.noise / std::sqrt(static_cast<double>(d));
#pragma omp parallel num_threads(threads)
    {
        std::vector<double> row(static_cast<std::size_t>(d));
        std::vector<double> u(static_cast<std::size_t>(s));
#pragma omp for schedule(static)
        for (std::int64_t i = 0; i < p.n; ++i) {
            Normal r(splitmix64(p.seed + 1 + static_cast<std::uint64_t>(i)));
            const double pickAt = r.uniform() * total;
            int j = 0;
            while (j + 1 < p.components && cumulative[static_cast<std::size_t>(j)] <= pickAt) ++j;
            for (int a = 0; a < s; ++a) u[static_cast<std::size_t>(a)] = r();
            for (int t = 0; t < d; ++t)
                row[static_cast<std::size_t>(t)] = centres[static_cast<std::size_t>(j) * d + t] + noise * r();
            for (int a = 0; a < s; ++a) {
                const double* b = bases.data() + (static_cast<std::size_t>(j) * s + a) * d;
                for (int t = 0; t < d; ++t)
                    row[static_cast<std::size_t>(t)] += u[static_cast<std::size_t>(a)] * b[t];
            }
            double n2 = 0;
            for (double v : row) n2 += v * v;
            const double inv = 1.0 / std::sqrt(n2);
            for (int t = 0; t < d; ++t)
                X.data[static_cast<std::size_t>(i) * d + t] =
                    static_cast<float>(row[static_cast<std::size_t>(t)] * inv);
        }
    }
    return X;
}

void saveNpy64(const std::string& path, const std::vector<double>& values, std::int64_t rows,
               std::int64_t cols) {
    writeNpy(path, values, rows, cols, "<f8");
}

void saveNpy64(const std::string& path, const std::vector<std::int64_t>& values, std::int64_t rows,
               std::int64_t cols) {
    writeNpy(path, values, rows, cols, "<i8");
}

}  // namespace winnow::bench
