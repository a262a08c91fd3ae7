// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "score/linearprobe.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <limits>
#include <sstream>

#include <nlohmann/json.hpp>

#include "common/error.h"

namespace winnow::score {
namespace {

double sigmoid(double z) {
    if (z >= 0) {
        return 1.0 / (1.0 + std::exp(-z));
    }
    const double e = std::exp(z);
    return e / (1.0 + e);
}

/// log(1 + exp(m)) without overflow or loss for large |m|.
double softplus(double m) {
    return m > 0 ? m + std::log1p(std::exp(-m)) : std::log1p(std::exp(m));
}

/// The regularised logistic objective on a fixed data set (double copy, row-major).
struct Problem {
    std::vector<double> x;  ///< n * d
    std::vector<double> s;  ///< sample weights
    std::vector<int> t;     ///< labels 0 / 1
    std::size_t n = 0;
    int d = 0;
    double c = 1.0;
    bool intercept = true;

    int size() const { return d + (intercept ? 1 : 0); }

    /// out = X v_w + v_b.
    void margins(const std::vector<double>& v, std::vector<double>& out) const {
        out.resize(n);
        const double b = intercept ? v[d] : 0.0;
        for (std::size_t i = 0; i < n; ++i) {
            const double* row = &x[i * d];
            double z = b;
            for (int k = 0; k < d; ++k) {
                z += row[k] * v[k];
            }
            out[i] = z;
        }
    }

    /// Objective at weights w given its margins z.
    double objective(const std::vector<double>& w, const std::vector<double>& z) const {
        double loss = 0.0;
        for (std::size_t i = 0; i < n; ++i) {
            loss += s[i] * softplus(t[i] ? -z[i] : z[i]);
        }
        double norm = 0.0;
        for (int k = 0; k < d; ++k) {
            norm += w[k] * w[k];
        }
        return 0.5 * norm + c * loss;
    }

    /// Gradient into g and the Hessian's per-sample curvature c * s_i p_i (1 - p_i) into curvature.
    void gradient(const std::vector<double>& w, const std::vector<double>& z, std::vector<double>& g,
                  std::vector<double>& curvature) const {
        g.assign(size(), 0.0);
        curvature.resize(n);
        for (std::size_t i = 0; i < n; ++i) {
            const double p = sigmoid(z[i]);
            const double r = c * s[i] * (p - t[i]);
            curvature[i] = c * s[i] * p * (1.0 - p);
            const double* row = &x[i * d];
            for (int k = 0; k < d; ++k) {
                g[k] += r * row[k];
            }
            if (intercept) {
                g[d] += r;
            }
        }
        for (int k = 0; k < d; ++k) {
            g[k] += w[k];
        }
    }

    /// out = H v with H = I_w + X^T diag(curvature) X (the intercept unpenalised).
    void hessianTimes(const std::vector<double>& curvature, const std::vector<double>& v,
                      std::vector<double>& u, std::vector<double>& out) const {
        margins(v, u);
        out.assign(size(), 0.0);
        for (std::size_t i = 0; i < n; ++i) {
            const double r = curvature[i] * u[i];
            const double* row = &x[i * d];
            for (int k = 0; k < d; ++k) {
                out[k] += r * row[k];
            }
            if (intercept) {
                out[d] += r;
            }
        }
        for (int k = 0; k < d; ++k) {
            out[k] += v[k];
        }
    }

    /// Diagonal of H (Jacobi preconditioner).
    std::vector<double> hessianDiagonal(const std::vector<double>& curvature) const {
        std::vector<double> diag(size(), 0.0);
        for (std::size_t i = 0; i < n; ++i) {
            const double* row = &x[i * d];
            for (int k = 0; k < d; ++k) {
                diag[k] += curvature[i] * row[k] * row[k];
            }
            if (intercept) {
                diag[d] += curvature[i];
            }
        }
        for (int k = 0; k < d; ++k) {
            diag[k] += 1.0;
        }
        for (double& v : diag) {
            v = v > 0 ? v : 1.0;
        }
        return diag;
    }
};

double dot(const std::vector<double>& a, const std::vector<double>& b) {
    double s = 0.0;
    for (std::size_t i = 0; i < a.size(); ++i) {
        s += a[i] * b[i];
    }
    return s;
}

double maxAbs(const std::vector<double>& v) {
    double m = 0.0;
    for (double x : v) {
        m = std::max(m, std::abs(x));
    }
    return m;
}

/// Preconditioned conjugate gradients for H p = -g, stopped at |r| <= forcing * |g| or after maxSteps.
std::vector<double> newtonStep(const Problem& problem, const std::vector<double>& curvature,
                               const std::vector<double>& g, double forcing) {
    const int m = problem.size();
    const std::vector<double> diag = problem.hessianDiagonal(curvature);
    std::vector<double> p(m, 0.0), r(m), z(m), dir(m), hd, scratch;
    for (int k = 0; k < m; ++k) {
        r[k] = -g[k];
        z[k] = r[k] / diag[k];
    }
    dir = z;
    double rz = dot(r, z);
    const double stop = forcing * std::sqrt(dot(g, g));
    const int maxSteps = 2 * m + 20;
    for (int step = 0; step < maxSteps && std::sqrt(dot(r, r)) > stop; ++step) {
        problem.hessianTimes(curvature, dir, scratch, hd);
        const double curv = dot(dir, hd);
        if (!(curv > 0)) {
            break;  // H is positive definite; this only happens at rounding level
        }
        const double alpha = rz / curv;
        for (int k = 0; k < m; ++k) {
            p[k] += alpha * dir[k];
            r[k] -= alpha * hd[k];
            z[k] = r[k] / diag[k];
        }
        const double rzNext = dot(r, z);
        const double beta = rzNext / rz;
        rz = rzNext;
        for (int k = 0; k < m; ++k) {
            dir[k] = z[k] + beta * dir[k];
        }
    }
    return p;
}

void requireFinite(double v, const std::string& what) {
    if (!std::isfinite(v)) {
        throw Error("linear probe: " + what + " is not a finite number");
    }
}

}  // namespace

LinearProbe LinearProbe::fit(const float* x, std::size_t n, int dim, const std::vector<int>& labels,
                             const ProbeParameters& parameters, const std::vector<double>& sampleWeights,
                             Progress& progress) {
    if (n == 0 || dim < 1 || x == nullptr) {
        throw Error("linear probe: no embeddings to learn from");
    }
    if (labels.size() != n || (!sampleWeights.empty() && sampleWeights.size() != n)) {
        throw Error("linear probe: labels and weights must have one entry per embedding");
    }
    if (!(parameters.c > 0) || !std::isfinite(parameters.c)) {
        throw Error("linear probe: C must be a positive number");
    }
    Problem problem;
    problem.n = n;
    problem.d = dim;
    problem.c = parameters.c;
    problem.intercept = parameters.fitIntercept;
    problem.x.assign(x, x + n * static_cast<std::size_t>(dim));
    for (double v : problem.x) {
        requireFinite(v, "an embedding value");
    }
    problem.t = labels;
    std::int64_t positives = 0;
    for (int label : labels) {
        if (label != 0 && label != 1) {
            throw Error("linear probe: labels must be 1 (good) or 0 (bad)");
        }
        positives += label;
    }
    const std::int64_t negatives = static_cast<std::int64_t>(n) - positives;
    if (positives == 0 || negatives == 0) {
        throw Error("linear probe: tag at least one good and one bad sample (have " +
                    std::to_string(positives) + " good, " + std::to_string(negatives) + " bad)");
    }
    problem.s.assign(n, 1.0);
    for (std::size_t i = 0; i < n; ++i) {
        if (!sampleWeights.empty()) {
            requireFinite(sampleWeights[i], "a sample weight");
            if (sampleWeights[i] < 0) {
                throw Error("linear probe: sample weights must not be negative");
            }
            problem.s[i] = sampleWeights[i];
        }
        if (parameters.balanced) {
            // scikit-learn: n_samples / (n_classes * count of the class).
            problem.s[i] *=
                static_cast<double>(n) / (2.0 * static_cast<double>(labels[i] ? positives : negatives));
        }
    }

    LinearProbe probe;
    probe.m_parameters = parameters;
    probe.m_positives = positives;
    probe.m_negatives = negatives;
    std::vector<double> theta(problem.size(), 0.0), z, g, curvature, step, moved, zStep, scratch;
    problem.margins(theta, z);
    double f = problem.objective(theta, z);
    double g0 = 0.0;
    const double eps = std::numeric_limits<double>::epsilon();
    int iteration = 0;
    for (;; ++iteration) {
        if (progress.isCanceled()) {
            throw Canceled();
        }
        problem.gradient(theta, z, g, curvature);
        const double gmax = maxAbs(g);
        if (iteration == 0) {
            g0 = gmax;
        }
        probe.m_gradientNorm = gmax;
        if (gmax <= parameters.tolerance * g0 || gmax == 0.0) {
            probe.m_converged = true;
            break;
        }
        if (iteration >= parameters.maxIterations) {
            break;
        }
        progress.report(iteration, parameters.maxIterations, "fitting probe");
        // Truncated Newton: loose solves far from the optimum, exact ones close to it.
        const double forcing = std::min(0.1, std::sqrt(gmax / g0));
        step = newtonStep(problem, curvature, g, forcing);
        const double slope = dot(g, step);
        if (!(slope < 0)) {
            break;  // no descent direction left at rounding level
        }
        problem.margins(step, zStep);
        // Armijo backtracking; a step whose change is within rounding of f counts as a decrease.
        double alpha = 1.0;
        double fNew = 0.0;
        bool accepted = false;
        for (int halvings = 0; halvings < 60; ++halvings, alpha *= 0.5) {
            moved = theta;
            for (std::size_t k = 0; k < moved.size(); ++k) {
                moved[k] += alpha * step[k];
            }
            scratch.resize(problem.n);
            for (std::size_t i = 0; i < problem.n; ++i) {
                scratch[i] = z[i] + alpha * zStep[i];
            }
            fNew = problem.objective(moved, scratch);
            if (fNew <= f + 1e-4 * alpha * slope + 8 * eps * std::abs(f)) {
                accepted = true;
                break;
            }
        }
        if (!accepted) {
            break;
        }
        theta.swap(moved);
        problem.margins(theta, z);  // recomputed, so that rounding does not drift along the steps
        f = problem.objective(theta, z);
    }
    probe.m_iterations = iteration;
    probe.m_coefficients.assign(theta.begin(), theta.begin() + dim);
    probe.m_intercept = parameters.fitIntercept ? theta[dim] : 0.0;
    return probe;
}

double LinearProbe::decision(const float* row) const {
    double z = m_intercept;
    for (std::size_t k = 0; k < m_coefficients.size(); ++k) {
        z += m_coefficients[k] * row[k];
    }
    return z;
}

double LinearProbe::score(const float* row) const {
    return sigmoid(decision(row));
}

void LinearProbe::score(const float* x, std::size_t n, float* out) const {
    const std::size_t d = m_coefficients.size();
    for (std::size_t i = 0; i < n; ++i) {
        out[i] = static_cast<float>(score(x + i * d));
    }
}

std::string LinearProbe::toJson() const {
    nlohmann::json j;
    j["format"] = "winnow-linear-probe";
    j["version"] = 1;
    j["dim"] = dim();
    j["c"] = m_parameters.c;
    j["fit_intercept"] = m_parameters.fitIntercept;
    j["balanced"] = m_parameters.balanced;
    j["tolerance"] = m_parameters.tolerance;
    j["max_iterations"] = m_parameters.maxIterations;
    j["coefficients"] = m_coefficients;
    j["intercept"] = m_intercept;
    j["iterations"] = m_iterations;
    j["converged"] = m_converged;
    j["gradient_norm"] = m_gradientNorm;
    j["positives"] = m_positives;
    j["negatives"] = m_negatives;
    j["embedder_identity"] = m_embedderIdentity;
    return j.dump(1);
}

LinearProbe LinearProbe::fromJson(const std::string& text, const std::string& origin) {
    LinearProbe p;
    try {
        const nlohmann::json j = nlohmann::json::parse(text);
        if (!j.is_object() || j.value("format", "") != "winnow-linear-probe") {
            throw Error(origin + ": not a Winnow linear probe");
        }
        if (j.at("version").get<int>() != 1) {
            throw Error(origin + ": linear probe version " + j.at("version").dump() + " is not supported");
        }
        p.m_parameters.c = j.at("c").get<double>();
        p.m_parameters.fitIntercept = j.at("fit_intercept").get<bool>();
        p.m_parameters.balanced = j.at("balanced").get<bool>();
        p.m_parameters.tolerance = j.at("tolerance").get<double>();
        p.m_parameters.maxIterations = j.at("max_iterations").get<int>();
        p.m_coefficients = j.at("coefficients").get<std::vector<double>>();
        p.m_intercept = j.at("intercept").get<double>();
        p.m_iterations = j.at("iterations").get<int>();
        p.m_converged = j.at("converged").get<bool>();
        p.m_gradientNorm = j.at("gradient_norm").get<double>();
        p.m_positives = j.at("positives").get<std::int64_t>();
        p.m_negatives = j.at("negatives").get<std::int64_t>();
        p.m_embedderIdentity = j.at("embedder_identity").get<std::string>();
        if (static_cast<int>(p.m_coefficients.size()) != j.at("dim").get<int>() || p.m_coefficients.empty()) {
            throw Error(origin + ": linear probe has " + std::to_string(p.m_coefficients.size()) +
                        " coefficients but says dim " + j.at("dim").dump());
        }
    } catch (const nlohmann::json::exception& e) {
        throw Error(origin + ": damaged linear probe (" + std::string(e.what()) + ")");
    }
    return p;
}

void LinearProbe::save(const std::string& path) const {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << toJson() << '\n';
    out.close();
    if (!out) {
        throw Error("cannot write linear probe " + path);
    }
}

LinearProbe LinearProbe::load(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw Error("cannot read linear probe " + path);
    }
    std::ostringstream text;
    text << in.rdbuf();
    return fromJson(text.str(), path);
}

}  // namespace winnow::score
