"""Builds the lookup tables of the real tuning problems (benchmarks/Samplers/tables/*.json). Run once; the tables are
committed, so the benchmark never fits a model. See README.md ("The tuning suite").

Each problem is a scikit-learn model on a dataset scikit-learn ships (no download), with a search space of choice,
uniform and quniform parameters (log-scale ranges written as exponents the script raises to 10). The objective is fitted
and scored once at every node of a grid: every value of each choice, and a set of nodes along each numeric (uniform or
quniform) parameter. Between nodes the objective is the multilinear interpolation of the node values (tables.py), so it
is defined everywhere, both samplers query the identical function, and its optimum is the best node (a multilinear
interpolant takes its extremes at cell corners). A fit that raises or scores non-finite is stored as null: a failed
trial wherever a null node has weight.

Usage: nice -n 19 /usr/bin/python3 make_tables.py [problem ...]
"""
import itertools
import json
import math
import os
import sys
import time
import warnings

import numpy as np
import sklearn
from sklearn.datasets import load_breast_cancer, load_diabetes, load_digits
from sklearn.linear_model import ElasticNet, LogisticRegression, SGDRegressor
from sklearn.metrics import r2_score
from sklearn.model_selection import cross_val_score, train_test_split
from sklearn.neighbors import KNeighborsClassifier
from sklearn.neural_network import MLPRegressor
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import PolynomialFeatures, StandardScaler

warnings.filterwarnings("ignore")
np.seterr(all="ignore")
HERE = os.path.dirname(os.path.abspath(__file__))


def uniform(name, lo, hi, nodes):
    return {"name": name, "kind": "uniform", "min": lo, "max": hi, "nodes": [float(v) for v in nodes]}


def quniform(name, lo, hi, q, nodes):
    return {"name": name, "kind": "quniform", "min": lo, "max": hi, "q": q, "nodes": [float(v) for v in nodes]}


def choice(name, values):
    return {"name": name, "kind": "choice", "values": values}


def diabetes_split():
    x, y = load_diabetes(return_X_y=True)
    return train_test_split(x, y, test_size=0.25, random_state=0)


def held_out_r2(model):
    x_train, x_test, y_train, y_test = diabetes_split()
    model.fit(x_train, y_train)
    return float(r2_score(y_test, model.predict(x_test)))


def elasticnet(p):
    model = make_pipeline(PolynomialFeatures(degree=2), StandardScaler(),
                          ElasticNet(alpha=10 ** p["log_alpha"], l1_ratio=p["l1_ratio"], max_iter=2000, random_state=0))
    return held_out_r2(model)


def knn(p):
    x, y = load_digits(return_X_y=True)
    model = KNeighborsClassifier(n_neighbors=int(p["n_neighbors"]), weights=p["weights"], p=int(p["p"]))
    return float(cross_val_score(model, x, y, cv=3).mean())


def logreg(p):
    x, y = load_breast_cancer(return_X_y=True)
    steps = [StandardScaler()] if p["scaling"] == "standard" else []
    steps.append(LogisticRegression(C=10 ** p["log_C"], penalty=p["penalty"], solver=p["solver"],
                                    class_weight=None if p["class_weight"] == "none" else "balanced", max_iter=200))
    return float(cross_val_score(make_pipeline(*steps), x, y, cv=3, scoring="neg_log_loss").mean())


def mlp(p):
    model = MLPRegressor(hidden_layer_sizes=(int(p["hidden"]),), activation=p["activation"], alpha=10 ** p["log_alpha"],
                         learning_rate_init=10 ** p["log_learning_rate_init"], max_iter=100, random_state=0)
    return held_out_r2(model)


def sgd(p):
    model = SGDRegressor(eta0=10 ** p["log_eta0"], alpha=10 ** p["log_alpha"], l1_ratio=p["l1_ratio"], power_t=p["power_t"],
                         penalty=p["penalty"], learning_rate=p["learning_rate"], loss=p["loss"],
                         average=p["average"] == "yes", max_iter=50, tol=1e-4, random_state=0)
    return held_out_r2(model)


PROBLEMS = {
    "elasticnet": ("ElasticNet on degree-2 polynomial diabetes features, held-out r2", elasticnet, [
        uniform("log_alpha", -5.0, 1.0, np.linspace(-5, 1, 25)),
        uniform("l1_ratio", 0.0, 1.0, np.linspace(0, 1, 11)),
    ]),
    "knn": ("KNeighborsClassifier on digits, 3-fold CV accuracy", knn, [
        quniform("n_neighbors", 1, 40, 1, range(1, 41)),
        choice("weights", ["uniform", "distance"]),
        choice("p", [1, 2]),
    ]),
    "logreg": ("LogisticRegression on breast_cancer, 3-fold CV negative log loss (lbfgs with l1 fails)", logreg, [
        uniform("log_C", -4.0, 4.0, np.linspace(-4, 4, 17)),
        choice("penalty", ["l1", "l2"]),
        choice("solver", ["liblinear", "lbfgs"]),
        choice("class_weight", ["none", "balanced"]),
        choice("scaling", ["none", "standard"]),
    ]),
    "mlp": ("MLPRegressor (one hidden layer) on diabetes, held-out r2", mlp, [
        quniform("hidden", 4, 128, 4, [4, 16, 32, 64, 128]),
        uniform("log_alpha", -6.0, 0.0, [-6.0, -3.0, 0.0]),
        uniform("log_learning_rate_init", -4.0, 0.5, np.linspace(-4, 0.5, 10)),
        choice("activation", ["relu", "tanh", "logistic"]),
    ]),
    "sgd": ("SGDRegressor on diabetes, held-out r2 (diverges for large steps)", sgd, [
        uniform("log_eta0", -5.0, 0.5, np.linspace(-5, 0.5, 12)),
        uniform("log_alpha", -7.0, -1.0, np.linspace(-7, -1, 4)),
        uniform("l1_ratio", 0.0, 1.0, [0.0, 0.5, 1.0]),
        uniform("power_t", 0.1, 0.9, [0.1, 0.5, 0.9]),
        choice("penalty", ["l2", "l1", "elasticnet"]),
        choice("learning_rate", ["constant", "invscaling", "adaptive"]),
        choice("loss", ["squared_error", "huber", "epsilon_insensitive"]),
        choice("average", ["no", "yes"]),
    ]),
}


def axis(parameter):
    return parameter["values"] if parameter["kind"] == "choice" else parameter["nodes"]


def build(name):
    description, objective, parameters = PROBLEMS[name]
    values = []
    started = time.time()
    for combination in itertools.product(*[axis(p) for p in parameters]):
        point = {p["name"]: v for p, v in zip(parameters, combination)}
        try:
            value = objective(point)
        except Exception:  # a fit that fails is a failed trial
            value = float("nan")
        values.append(value if math.isfinite(value) else None)
    finite = [(v, i) for i, v in enumerate(values) if v is not None]
    best, at = max(finite)
    document = {
        "name": name, "description": description, "goal": "maximize", "parameters": parameters,
        "values": values, "optimum": best,
        "versions": {"sklearn": sklearn.__version__, "numpy": np.__version__},
        "seconds": round(time.time() - started, 1),
    }
    with open(os.path.join(HERE, "tables", name + ".json"), "w") as f:
        json.dump(document, f, separators=(",", ":"))
    failed = sum(v is None for v in values)
    print(f"{name}: {len(values)} nodes, {failed} failed, optimum {best:.6g} (node {at}), worst {min(finite)[0]:.4g}, "
          f"{time.time() - started:.0f} s", file=sys.stderr, flush=True)


if __name__ == "__main__":
    for problem in sys.argv[1:] or PROBLEMS:
        build(problem)
