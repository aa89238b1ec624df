"""Step 3 of the diabetes pipeline: "register" the sweep's best model.

Reads the best trial's model folder (--model, holding model.pkl) and the sweep's metrics output (--metrics: the
metrics_output.json file, or a folder holding it; trial id -> metric -> list of values), checks the model loads,
and writes a registration manifest (model_manifest.json) plus a copy of the model into --registered_model.
"""

import argparse
import hashlib
import json
import os
import pickle
import shutil
import sys

from _requirements import require_sklearn


def parse_args(argv):
    parser = argparse.ArgumentParser(description="Register the best model of the sweep.")
    parser.add_argument("--model", required=True, help="the best trial's model folder (model.pkl)")
    parser.add_argument("--metrics", required=True, help="metrics_output.json, or the folder holding it")
    parser.add_argument("--model_name", default="diabetes-ridge", help="the registered model's name")
    parser.add_argument("--primary_metric", default="r2", help="the sweep's primary metric (default r2)")
    parser.add_argument("--goal", choices=("maximize", "minimize"), default="maximize", help="the sweep's goal")
    parser.add_argument("--registered_model", required=True, help="folder the manifest and model copy go to")
    return parser.parse_args(argv)


def fail(message):
    sys.stderr.write(message + "\n")
    sys.exit(2)


def read_metrics(path, primary_metric, pick):
    if os.path.isdir(path):
        path = os.path.join(path, "metrics_output.json")
    if not os.path.isfile(path):
        fail(f"{path} does not exist; pass the sweep's metrics output (metrics_output.json) with --metrics.")
    with open(path, encoding="utf-8") as f:
        try:
            metrics = json.load(f)
        except json.JSONDecodeError as e:
            fail(f"{path} line {e.lineno}: not valid JSON ({e.msg}).")
    if not isinstance(metrics, dict):
        fail(f"{path}: expected an object of trial id -> metric -> values.")
    best = {}
    for trial, values in metrics.items():
        series = [v for v in (values or {}).get(primary_metric, []) if isinstance(v, (int, float))]
        if series:
            best[trial] = pick(series)
    return path, best


def sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 16), b""):
            digest.update(chunk)
    return digest.hexdigest()


def main(argv=None):
    args = parse_args(argv)
    require_sklearn()
    model_path = os.path.join(args.model, "model.pkl")
    if not os.path.isfile(model_path):
        fail(f"{model_path} does not exist; --model must be the best trial's model output folder.")
    with open(model_path, "rb") as f:
        model = pickle.load(f)
    pick = max if args.goal == "maximize" else min
    metrics_path, best_by_trial = read_metrics(args.metrics, args.primary_metric, pick)
    if not best_by_trial:
        fail(f"{metrics_path}: no trial reported '{args.primary_metric}'.")
    best_trial = pick(best_by_trial, key=best_by_trial.get)

    trained = {}
    trained_path = os.path.join(args.model, "metrics.json")
    if os.path.isfile(trained_path):
        with open(trained_path, encoding="utf-8") as f:
            trained = json.load(f)

    os.makedirs(args.registered_model, exist_ok=True)
    shutil.copyfile(model_path, os.path.join(args.registered_model, "model.pkl"))
    manifest = {
        "name": args.model_name,
        "version": 1,
        "type": "custom_model",
        "flavor": type(model).__module__ + "." + type(model).__name__,
        "alpha": getattr(model, "alpha", None),
        "sha256": sha256(model_path),
        "best_trial": best_trial,
        "primary_metric": args.primary_metric,
        "best_value": best_by_trial[best_trial],
        "trained_metrics": trained,
        "trials": best_by_trial,
    }
    target = os.path.join(args.registered_model, "model_manifest.json")
    with open(target + ".tmp", "w", encoding="utf-8") as f:
        json.dump(manifest, f, indent=2, sort_keys=True)
    os.replace(target + ".tmp", target)
    print(f"registered {args.model_name}:1 (alpha={manifest['alpha']}, best trial {best_trial}, "
          f"{args.primary_metric}={best_by_trial[best_trial]:.4f}) -> {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
