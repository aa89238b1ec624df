"""Step 2 of the diabetes pipeline (the sweep's trial): fit Ridge(alpha) and report r2.

r2 on the test split is reported once per training-set size (25%, 50%, 75%, 100% of the rows), so an early
termination policy has several intervals to evaluate. The metric contract (README, "Reporting metrics"): with MLflow
importable, each value is logged with mlflow.log_metric (what Azure ML reads, and the local engine reads MLflow's file
store too); without it, each value is a stdout line in Katib's name=value format (`r2=0.41`), which the local engine
reads. The final model (trained on all rows) is written to --model_output/model.pkl with its metrics next to it.
"""

import argparse
import json
import os
import pickle
import sys

from _requirements import require_sklearn

FRACTIONS = (0.25, 0.5, 0.75, 1.0)


def parse_args(argv):
    parser = argparse.ArgumentParser(description="Train Ridge(alpha) on the prepared diabetes data.")
    parser.add_argument("--alpha", type=float, required=True, help="regularization strength (> 0)")
    parser.add_argument("--train_data", required=True, help="folder with data_X.csv and data_y.csv")
    parser.add_argument("--test_data", required=True, help="folder with data_X.csv and data_y.csv")
    parser.add_argument("--model_output", required=True, help="folder the model is written to")
    args = parser.parse_args(argv)
    if args.alpha <= 0:
        parser.error(f"--alpha must be greater than 0, got {args.alpha}")
    return args


def read_split(folder):
    import numpy as np

    paths = [os.path.join(folder, name) for name in ("data_X.csv", "data_y.csv")]
    for path in paths:
        if not os.path.isfile(path):
            sys.stderr.write(f"{path} does not exist; run 01_prep_data.py first (it writes data_X.csv and data_y.csv).\n")
            sys.exit(2)
    X = np.loadtxt(paths[0], delimiter=",", ndmin=2)
    y = np.loadtxt(paths[1], delimiter=",", ndmin=1)
    return X, y


def open_mlflow():
    try:
        import mlflow
    except ImportError:
        return None
    mlflow.start_run()
    return mlflow


def report(mlflow, name, value, step):
    """Reports one metric value: mlflow.log_metric when MLflow is importable, else a name=value line on stdout."""
    if mlflow is not None:
        mlflow.log_metric(name, value, step=step)
    else:
        print(f"{name}={value!r}", flush=True)


def main(argv=None):
    args = parse_args(argv)
    require_sklearn()
    from sklearn.linear_model import Ridge
    from sklearn.metrics import r2_score

    X_train, y_train = read_split(args.train_data)
    X_test, y_test = read_split(args.test_data)
    mlflow = open_mlflow()
    if mlflow is not None:
        mlflow.log_param("alpha", args.alpha)

    history = []
    model = None
    for step, fraction in enumerate(FRACTIONS):
        rows = max(2, int(round(len(y_train) * fraction)))
        model = Ridge(alpha=args.alpha).fit(X_train[:rows], y_train[:rows])
        r2 = float(r2_score(y_test, model.predict(X_test)))
        history.append(r2)
        report(mlflow, "r2", r2, step)

    os.makedirs(args.model_output, exist_ok=True)
    model_path = os.path.join(args.model_output, "model.pkl")
    with open(model_path + ".tmp", "wb") as f:
        pickle.dump(model, f)
    os.replace(model_path + ".tmp", model_path)
    summary = {"alpha": args.alpha, "r2": history[-1], "r2_history": history, "features": int(X_train.shape[1])}
    with open(os.path.join(args.model_output, "metrics.json.tmp"), "w", encoding="utf-8") as f:
        json.dump(summary, f, indent=2)
    os.replace(os.path.join(args.model_output, "metrics.json.tmp"), os.path.join(args.model_output, "metrics.json"))
    if mlflow is not None:
        mlflow.end_run()
    return 0


if __name__ == "__main__":
    sys.exit(main())
