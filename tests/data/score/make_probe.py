#!/usr/bin/python3
# SPDX-FileCopyrightText: 2026 The Winnow authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes probe.json, the reference of test_score's linear-probe tests, with scikit-learn.

Run with Debian's python3 (python3-sklearn 1.2, numpy 1.24):  /usr/bin/python3 tests/data/score/make_probe.py
Rerunning reproduces the file (fixed seeds).

Each case holds embeddings X (float32 values, written exactly), labels y (1 = good, 0 = bad) and what
sklearn.linear_model.LogisticRegression(C, fit_intercept, class_weight, solver="lbfgs", tol=1e-12,
max_iter=100000) learns on X as float64: coef_, intercept_ and predict_proba[:, 1] of held-out rows Q.
The script also checks that lbfgs really reached the optimum: the gradient of scikit-learn's objective
0.5 |w|^2 + C sum_i s_i log(1 + exp(-y_i z_i)) at its solution, relative to the gradient at zero, is
recorded as "relative_gradient" (lbfgs stops at 1e-6 or so through its ftol; the C++ test needs coefficients
within 1e-4 relative of scikit-learn's). "polished_coefficients" / "polished_intercept" continue from
scikit-learn's solution with a few exact Newton steps in numpy (dense Hessian, np.linalg.solve) until the
relative gradient is below 1e-13: a tighter reference for the same optimum (test tolerance 1e-7).

Cases: clustered 16-d data with 30 % good (C = 1); the same without intercept (C = 0.05); balanced
class weights (C = 10); 64-d data with 40 samples, separable (C = 1); L2-normalised 32-d rows with few
good samples (C = 4), as CLIP-like embeddings look.
"""

import json
import os

import numpy as np
from sklearn.linear_model import LogisticRegression

HERE = os.path.dirname(os.path.abspath(__file__))


def data(rng, n, d, frac, sep, normalise=False):
    y = (rng.random(n) < frac).astype(int)
    y[0], y[1] = 1, 0
    direction = rng.normal(size=d)
    X = rng.normal(size=(n, d)) + sep * np.outer(2 * y - 1, direction) / np.linalg.norm(direction)
    X += rng.normal(size=d) * 0.5
    if normalise:
        X /= np.linalg.norm(X, axis=1, keepdims=True)
    return X.astype(np.float32), y


def gradient(X, y, w, b, C, s, intercept):
    z = X @ w + (b if intercept else 0.0)
    p = 1 / (1 + np.exp(-z))
    r = C * s * (p - y)
    g = X.T @ r + w
    return np.concatenate([g, [r.sum()]]) if intercept else g


def polish(X, y, w, b, C, s, intercept):
    """Exact Newton steps (dense Hessian) from (w, b) until the relative gradient is below 1e-13."""
    n, d = X.shape
    A = np.hstack([X, np.ones((n, 1))]) if intercept else X
    theta = np.concatenate([w, [b]]) if intercept else w.copy()
    reg = np.ones(A.shape[1])
    if intercept:
        reg[-1] = 0.0
    g0 = np.abs(gradient(X, y, np.zeros(d), 0.0, C, s, intercept)).max()
    for _ in range(20):
        z = A @ theta
        p = 1 / (1 + np.exp(-z))
        g = A.T @ (C * s * (p - y)) + reg * theta
        if np.abs(g).max() < 1e-13 * g0:
            break
        H = A.T @ (A * (C * s * p * (1 - p))[:, None]) + np.diag(reg)
        theta = theta - np.linalg.solve(H, g)
    assert np.abs(g).max() < 1e-12 * g0
    return (theta[:d], float(theta[d])) if intercept else (theta, 0.0)


def case(name, rng, n, d, frac, sep, C, fit_intercept, balanced, normalise=False):
    X, y = data(rng, n + 20, d, frac, sep, normalise)
    Q, X, y = X[n:], X[:n], y[:n]
    model = LogisticRegression(C=C, fit_intercept=fit_intercept, class_weight="balanced" if balanced else None,
                               solver="lbfgs", tol=1e-12, max_iter=100000)
    X64 = X.astype(np.float64)
    model.fit(X64, y)
    w = model.coef_[0]
    b = float(model.intercept_[0]) if fit_intercept else 0.0
    s = np.ones(n)
    if balanced:
        counts = np.bincount(y)
        s = n / (2 * counts[y])
    g = gradient(X64, y, w, b, C, s, fit_intercept)
    g0 = gradient(X64, y, np.zeros(d), 0.0, C, s, fit_intercept)
    pw, pb = polish(X64, y, w, b, C, s, fit_intercept)
    return {
        "polished_coefficients": [float(v) for v in pw], "polished_intercept": pb,
        "name": name, "c": C, "fit_intercept": fit_intercept, "balanced": balanced,
        "n": n, "dim": d,
        "x": [float(v) for v in X.reshape(-1)], "y": [int(v) for v in y],
        "queries": [float(v) for v in Q.reshape(-1)],
        "coefficients": [float(v) for v in w], "intercept": b,
        "scores": [float(v) for v in model.predict_proba(Q.astype(np.float64))[:, 1]],
        "relative_gradient": float(np.abs(g).max() / np.abs(g0).max()),
        "sklearn_iterations": int(model.n_iter_[0]),
    }


def main():
    rng = np.random.default_rng(20260423)
    cases = [
        case("clustered_c1", rng, 200, 16, 0.3, 1.5, 1.0, True, False),
        case("no_intercept_c0.05", rng, 150, 16, 0.5, 1.0, 0.05, False, False),
        case("balanced_c10", rng, 180, 12, 0.15, 1.0, 10.0, True, True),
        case("separable_d64", rng, 40, 64, 0.5, 6.0, 1.0, True, False),
        case("normalised_few_good", rng, 120, 32, 0.1, 2.0, 4.0, True, False, normalise=True),
    ]
    for c in cases:
        assert c["relative_gradient"] < 1e-5, (c["name"], c["relative_gradient"])
    import sklearn
    with open(os.path.join(HERE, "probe.json"), "w") as f:
        json.dump({"generator": "make_probe.py", "sklearn": sklearn.__version__, "cases": cases}, f)
        f.write("\n")


if __name__ == "__main__":
    main()
