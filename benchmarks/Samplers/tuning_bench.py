"""Optuna side of the tuning suite (driven by Program.cs --suite tuning; prints one JSON document on stdout).

Runs each Optuna sampler on each table problem (tables.py) for the largest budget, sequentially and with `batch`
trials in flight (ask/tell: ask until `batch` are running, then tell the oldest; the same schedule the .NET side uses),
and reports, per seed, the best value among the first B trials for every budget B. Also exports check points so the
.NET side can prove it evaluates the identical objective.
"""
import argparse
import collections
import json
import math
import random
import sys
import time
import warnings

import optuna
from optuna.trial import TrialState

from tables import Table

warnings.filterwarnings("ignore")
optuna.logging.set_verbosity(optuna.logging.ERROR)


def sampler_for(name, seed):
    if name == "optuna-tpe-mv":
        return optuna.samplers.TPESampler(multivariate=True, constant_liar=True, seed=seed)
    if name == "optuna-tpe":
        return optuna.samplers.TPESampler(seed=seed)
    if name == "optuna-random":
        return optuna.samplers.RandomSampler(seed=seed)
    if name == "optuna-cmaes":
        return optuna.samplers.CmaEsSampler(seed=seed)
    raise ValueError(name)


def cmaes_applies(table):
    # CMA-ES models numeric parameters only (choices go to its independent fallback) and needs at least two.
    return sum(p["kind"] != "choice" for p in table.parameters) >= 2


def run(table, name, seed, trials, batch, budgets):
    study = optuna.create_study(direction="maximize", sampler=sampler_for(name, seed))
    running = collections.deque()
    values = []
    for _ in range(trials):
        while len(running) >= batch:
            finish(study, *running.popleft())
        trial = study.ask()
        value = table.evaluate(table.suggest(trial))
        values.append(value)
        running.append((trial, value))
    while running:
        finish(study, *running.popleft())
    return [max([v for v in values[:b] if not math.isnan(v)], default=None) for b in budgets]


def finish(study, trial, value):
    if math.isnan(value):
        study.tell(trial, state=TrialState.FAIL)
    else:
        study.tell(trial, value)


def check_points(table, count=40):
    rng = random.Random(12345)
    points = []
    for _ in range(count):
        point = {}
        for p in table.parameters:
            if p["kind"] == "choice":
                point[p["name"]] = rng.choice(p["values"])
            elif p["kind"] == "uniform":
                point[p["name"]] = rng.uniform(p["min"], p["max"])
            else:
                k = rng.randint(0, int(round((p["max"] - p["min"]) / p["q"])))
                point[p["name"]] = p["min"] + k * p["q"]
        value = table.evaluate(point)
        points.append({"point": point, "value": None if math.isnan(value) else value})
    return points


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--budgets", default="20,40,80")
    parser.add_argument("--seeds", type=int, default=10)
    parser.add_argument("--problems", default="elasticnet,knn,logreg,mlp,sgd")
    parser.add_argument("--samplers", default="optuna-tpe-mv,optuna-tpe,optuna-random,optuna-cmaes")
    parser.add_argument("--batches", default="1,4")
    args = parser.parse_args()
    budgets = [int(b) for b in args.budgets.split(",")]
    results = {}
    checks = {}
    for problem in args.problems.split(","):
        table = Table(problem)
        checks[problem] = check_points(table)
        results[problem] = {}
        for name in args.samplers.split(","):
            if name == "optuna-cmaes" and not cmaes_applies(table):
                continue
            for batch in (int(b) for b in args.batches.split(",")):
                started = time.time()
                key = f"{name}/{batch}"
                results[problem][key] = [run(table, name, seed, max(budgets), batch, budgets) for seed in range(args.seeds)]
                print(f"  optuna: {problem} {key} done in {time.time() - started:.1f} s", file=sys.stderr, flush=True)
    json.dump({"versions": {"optuna": optuna.__version__}, "budgets": budgets, "results": results, "checks": checks}, sys.stdout)


if __name__ == "__main__":
    main()
