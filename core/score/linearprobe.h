// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "common/progress.h"

namespace winnow::score {

/// Knobs of the linear probe (names follow scikit-learn's LogisticRegression).
struct ProbeParameters {
    /// Inverse L2 regularisation strength: the objective is 0.5 |w|^2 + c * sum_i s_i log(1 + exp(-y_i z_i)).
    double c = 1.0;
    /// Learn an (unpenalised) intercept b, z = w . x + b; otherwise z = w . x.
    bool fitIntercept = true;
    /// Weigh classes as scikit-learn's class_weight="balanced": s_i = n / (2 * count of i's class).
    /// Off: every sample weighs 1.
    bool balanced = false;
    /// Stop when the largest gradient component is at most tolerance times its value at w = 0, b = 0.
    double tolerance = 1e-12;
    /// Newton iterations at most (each one a preconditioned conjugate-gradient solve).
    int maxIterations = 100;
};

/// L2-regularised logistic regression on embeddings of samples tagged good (label 1) or bad (label 0),
/// giving every embedding a score in [0, 1]: the probability of "good". It is the minimiser of
/// scikit-learn's LogisticRegression(C=c, fit_intercept, class_weight) objective, found by Newton's method
/// with conjugate-gradient steps (Jacobi preconditioner) and Armijo backtracking, in double precision,
/// single-threaded and in a fixed order: the same inputs always give the same bits.
/// A value type; thread affinity: const methods may run concurrently.
class LinearProbe {
public:
    /// Fits on n rows of dim floats (row-major x[i * dim + k]) with labels[i] in {0, 1} and optional
    /// per-sample weights (empty = 1; multiplied with the balanced class weights when both are given).
    /// Throws winnow::Error when n is 0, dim < 1, a label is not 0/1, a value is not finite, or one class
    /// is missing ("tag at least one good and one bad sample"); Canceled when progress asks.
    /// Cost: O(iterations * cg steps * n * dim) time, O(n * dim) memory (a double copy of x).
    /// Progress: report(iteration, maxIterations, "fitting probe") once per Newton iteration.
    static LinearProbe fit(const float* x, std::size_t n, int dim, const std::vector<int>& labels,
                           const ProbeParameters& parameters = {},
                           const std::vector<double>& sampleWeights = {},
                           Progress& progress = nullProgress());

    /// w . x + b for one row of dim() floats.
    double decision(const float* row) const;
    /// Probability of "good": 1 / (1 + exp(-decision)), computed without overflow. In [0, 1].
    double score(const float* row) const;
    /// score() of n rows into out. Cost O(n * dim).
    void score(const float* x, std::size_t n, float* out) const;

    int dim() const { return static_cast<int>(m_coefficients.size()); }
    const std::vector<double>& coefficients() const { return m_coefficients; }
    double intercept() const { return m_intercept; }
    const ProbeParameters& parameters() const { return m_parameters; }
    /// Newton iterations used, and whether the gradient tolerance was reached.
    int iterations() const { return m_iterations; }
    bool converged() const { return m_converged; }
    /// Final largest gradient component (absolute).
    double gradientNorm() const { return m_gradientNorm; }
    std::int64_t positives() const { return m_positives; }
    std::int64_t negatives() const { return m_negatives; }

    /// Free text that ties the probe to its embedding space (the embedder's identityJson); saved with it.
    const std::string& embedderIdentity() const { return m_embedderIdentity; }
    void setEmbedderIdentity(const std::string& identity) { m_embedderIdentity = identity; }

    /// {"format": "winnow-linear-probe", "version": 1, "dim", "c", "fit_intercept", "balanced",
    /// "coefficients", "intercept", "iterations", "converged", "gradient_norm", "positives", "negatives",
    /// "embedder_identity"}: doubles written so that they read back to the same bits.
    std::string toJson() const;
    /// Parses toJson() output. Throws winnow::Error (origin in the message) for anything else.
    static LinearProbe fromJson(const std::string& text, const std::string& origin = "probe");
    /// toJson() to / fromJson() from a file. Throw winnow::Error on I/O or format errors.
    void save(const std::string& path) const;
    static LinearProbe load(const std::string& path);

private:
    std::vector<double> m_coefficients;
    double m_intercept = 0.0;
    ProbeParameters m_parameters;
    int m_iterations = 0;
    bool m_converged = false;
    double m_gradientNorm = 0.0;
    std::int64_t m_positives = 0;
    std::int64_t m_negatives = 0;
    std::string m_embedderIdentity;
};

}  // namespace winnow::score
