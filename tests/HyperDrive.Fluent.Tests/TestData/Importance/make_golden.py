#!/usr/bin/env python3
"""Writes trials.json (a sweep whose metric depends mostly on x1) and optuna-importances.json (what Optuna's
optuna.importance.get_param_importances says about those same trials, fANOVA evaluator).

Run with Debian's python3-optuna (apt-get install python3-optuna): /usr/bin/python3 make_golden.py
The C# test (ParameterImportanceTests) reads both files; it does not need Python.
"""
import json
import random

import optuna
from optuna.distributions import FloatDistribution

rng = random.Random(20251201)
space = {
    "x1": FloatDistribution(0.0, 1.0),
    "x2": FloatDistribution(0.0, 1.0),
    "x3": FloatDistribution(0.0, 1.0),
    "lr": FloatDistribution(1e-4, 1.0, log=True),
}


def objective(p):
    # x1 dominates (variance 100/12), then x2 (16/12), x3 (4/12); lr has no effect.
    return 10 * p["x1"] + 4 * p["x2"] + 2 * p["x3"] + rng.gauss(0, 0.05)


trials = []
for number in range(200):
    params = {
        "x1": rng.uniform(0, 1),
        "x2": rng.uniform(0, 1),
        "x3": rng.uniform(0, 1),
        "lr": 10 ** rng.uniform(-4, 0),
    }
    trials.append({"number": number, "parameters": params, "value": objective(params)})

study = optuna.create_study(direction="minimize")
for t in trials:
    study.add_trial(optuna.trial.create_trial(params=t["parameters"], distributions=space, value=t["value"]))

importances = optuna.importance.get_param_importances(
    study, evaluator=optuna.importance.FanovaImportanceEvaluator(seed=0))

with open("trials.json", "w") as f:
    json.dump({"goal": "minimize", "metric": "loss", "log": ["lr"], "trials": trials}, f, indent=1)
with open("optuna-importances.json", "w") as f:
    json.dump({"optuna": optuna.__version__, "evaluator": "FanovaImportanceEvaluator(seed=0)",
               "importances": dict(importances)}, f, indent=1)
print(dict(importances))
