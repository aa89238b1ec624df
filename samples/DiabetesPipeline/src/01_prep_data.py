"""Step 1 of the diabetes pipeline: split scikit-learn's bundled diabetes data 80/20.

Writes data_X.csv and data_y.csv into --train_data and --test_data (folders, created if missing).
"""

import argparse
import os
import sys

from _requirements import require_sklearn


def parse_args(argv):
    parser = argparse.ArgumentParser(description="Prepare the diabetes data (80/20 split).")
    parser.add_argument("--train_data", required=True, help="output folder for the training split")
    parser.add_argument("--test_data", required=True, help="output folder for the test split")
    parser.add_argument("--test_size", type=float, default=0.2, help="fraction held out for testing (default 0.2)")
    parser.add_argument("--random_state", type=int, default=0, help="seed of the split (default 0)")
    return parser.parse_args(argv)


def write_split(folder, X, y):
    import numpy as np

    os.makedirs(folder, exist_ok=True)
    for name, data in (("data_X.csv", X), ("data_y.csv", y)):
        path = os.path.join(folder, name)
        tmp = path + ".tmp"
        np.savetxt(tmp, data, delimiter=",", fmt="%.17g")
        os.replace(tmp, path)


def main(argv=None):
    args = parse_args(argv)
    require_sklearn()
    from sklearn.datasets import load_diabetes
    from sklearn.model_selection import train_test_split

    X, y = load_diabetes(return_X_y=True)
    X_train, X_test, y_train, y_test = train_test_split(
        X, y, test_size=args.test_size, random_state=args.random_state)
    write_split(args.train_data, X_train, y_train)
    write_split(args.test_data, X_test, y_test)
    print(f"prepared diabetes data: {len(y_train)} training rows, {len(y_test)} test rows, {X.shape[1]} features")
    return 0


if __name__ == "__main__":
    sys.exit(main())
