"""Optuna side of the sampler benchmark (driven by Program.cs; prints one JSON document on stdout).

Runs Optuna's RandomSampler, QMCSampler, TPESampler and CmaEsSampler on Branin, Hartmann-6 and the diabetes
ridge problem, and exports the ridge data split so the .NET side evaluates the identical closed-form ridge.
"""
import argparse
import json
import math
import sys
import warnings

import numpy as np
import optuna
import sklearn
from sklearn.datasets import load_diabetes
from sklearn.linear_model import Ridge
from sklearn.metrics import r2_score
from sklearn.model_selection import train_test_split

warnings.filterwarnings("ignore")
optuna.logging.set_verbosity(optuna.logging.ERROR)

BRANIN_MIN = 0.39788735772973816
HARTMANN6_MIN = -3.32236801141551

H_ALPHA = np.array([1.0, 1.2, 3.0, 3.2])
H_A = np.array([[10, 3, 17, 3.5, 1.7, 8], [0.05, 10, 17, 0.1, 8, 14],
                [3, 3.5, 1.7, 10, 17, 8], [17, 8, 0.05, 10, 0.1, 14]])
H_P = 1e-4 * np.array([[1312, 1696, 5569, 124, 8283, 5886], [2329, 4135, 8307, 3736, 1004, 9991],
                       [2348, 1451, 3522, 2883, 3047, 6650], [4047, 8828, 8732, 5743, 1091, 381]])


def branin(x1, x2):
    b = 5.1 / (4 * math.pi ** 2)
    c = 5 / math.pi
    t = 1 / (8 * math.pi)
    return (x2 - b * x1 ** 2 + c * x1 - 6) ** 2 + 10 * (1 - t) * math.cos(x1) + 10


def hartmann6(x):
    x = np.asarray(x)
    return float(-np.sum(H_ALPHA * np.exp(-np.sum(H_A * (x - H_P) ** 2, axis=1))))


def ridge_split():
    data = load_diabetes()
    return train_test_split(data.data, data.target, test_size=0.2, random_state=42)


X_TRAIN, X_TEST, Y_TRAIN, Y_TEST = ridge_split()


def ridge_r2(alpha):
    # Closed-form ridge with an unpenalized intercept (sklearn's cholesky solver: centre, solve (XᵀX + αI)w = Xᵀy).
    model = Ridge(alpha=alpha, solver="cholesky").fit(X_TRAIN, Y_TRAIN)
    return float(r2_score(Y_TEST, model.predict(X_TEST)))


def ridge_optimum():
    grid = np.linspace(0.05, 1.0, 19001)
    values = np.array([ridge_r2(a) for a in grid])
    i = int(np.argmax(values))
    lo, hi = grid[max(0, i - 1)], grid[min(len(grid) - 1, i + 1)]
    # Golden-section refinement around the best grid point.
    g = (math.sqrt(5) - 1) / 2
    a, b = lo, hi
    for _ in range(80):
        c, d = b - g * (b - a), a + g * (b - a)
        if ridge_r2(c) > ridge_r2(d):
            b = d
        else:
            a = c
    best_alpha = (a + b) / 2
    return max(float(values[i]), ridge_r2(best_alpha)), best_alpha


def objective_for(problem):
    if problem == "branin":
        return lambda t: branin(t.suggest_float("x1", -5.0, 10.0), t.suggest_float("x2", 0.0, 15.0)), "minimize"
    if problem == "hartmann6":
        return lambda t: hartmann6([t.suggest_float(f"x{i}", 0.0, 1.0) for i in range(6)]), "minimize"
    if problem == "ridge":
        return lambda t: ridge_r2(t.suggest_float("alpha", 0.05, 1.0)), "maximize"
    raise ValueError(problem)


def sampler_for(name, seed):
    if name == "optuna-random":
        return optuna.samplers.RandomSampler(seed=seed)
    if name == "optuna-qmc":
        # scramble=True so each seed is a different (scrambled Sobol) sequence; unscrambled ignores the seed.
        # seed + 1: Optuna 3.1 does `seed or <random>`, so seed 0 would silently be a random, unreproducible scramble.
        return optuna.samplers.QMCSampler(qmc_type="sobol", scramble=True, seed=seed + 1)
    if name == "optuna-tpe":
        return optuna.samplers.TPESampler(seed=seed)
    if name == "optuna-cmaes":
        return optuna.samplers.CmaEsSampler(seed=seed)
    raise ValueError(name)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--trials", type=int, default=50)
    parser.add_argument("--seeds", type=int, default=21)
    parser.add_argument("--problems", default="branin,hartmann6,ridge")
    parser.add_argument("--samplers", default="optuna-random,optuna-qmc,optuna-tpe,optuna-cmaes")
    args = parser.parse_args()

    ridge_best, ridge_alpha = ridge_optimum()
    results = {}
    for problem in args.problems.split(","):
        objective, direction = objective_for(problem)
        results[problem] = {}
        for name in args.samplers.split(","):
            bests = []
            for seed in range(args.seeds):
                study = optuna.create_study(direction=direction, sampler=sampler_for(name, seed))
                study.optimize(objective, n_trials=args.trials)
                bests.append(study.best_value)
            results[problem][name] = bests
            print(f"  optuna: {problem} {name} done", file=sys.stderr, flush=True)

    document = {
        "versions": {"optuna": optuna.__version__, "sklearn": sklearn.__version__, "numpy": np.__version__},
        "optima": {"branin": BRANIN_MIN, "hartmann6": HARTMANN6_MIN, "ridge": ridge_best},
        "ridgeBestAlpha": ridge_alpha,
        "ridge": {
            "xTrain": X_TRAIN.tolist(), "yTrain": Y_TRAIN.tolist(), "xTest": X_TEST.tolist(), "yTest": Y_TEST.tolist(),
            "checks": [[a, ridge_r2(a)] for a in (0.05, 0.1, 0.3, 0.5, 0.77, 1.0)],
        },
        "results": results,
    }
    json.dump(document, sys.stdout)


if __name__ == "__main__":
    main()
