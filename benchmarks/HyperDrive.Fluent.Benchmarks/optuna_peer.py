"""The peer side of the HyperDrive.Fluent benchmark: Optuna on the same workloads, timed the same way.

Prints one JSON object on stdout:
  {"optuna": "3.1.0", "subprocess_ms_per_trial": [..], "inmemory_trials_per_second": [..]}
with one value per measured repetition (after one warm-up run of each workload).

  --command ARGV...   the trivial process each subprocess trial runs (the same one the .NET side runs)
  --trial-folders DIR give each subprocess trial the folder the local engine gives it (DIR/<run>/<trial>/outputs/,
                      logs/stdout.txt, logs/stderr.txt when the stream said something), so both sides do the same I/O
"""

import argparse
import json
import logging
import os
import shutil
import subprocess
import sys
import time


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--process-trials", type=int, default=200)
    parser.add_argument("--process-jobs", type=int, default=2)
    parser.add_argument("--memory-trials", type=int, default=10000)
    parser.add_argument("--repetitions", type=int, default=5)
    parser.add_argument("--skip-memory", action="store_true", help="run only the subprocess workload")
    parser.add_argument("--trial-folders", help="write per-trial folders and logs under this folder, like the local engine")
    parser.add_argument("--command", nargs=argparse.REMAINDER, required=True)
    return parser.parse_args(argv)


def subprocess_run(optuna, trials, jobs, command, folders=None):
    def objective(trial):
        x = trial.suggest_float("x", 0.0, 1.0)
        folder = None
        if folders is not None:
            folder = os.path.join(folders, str(trial.number))
            os.makedirs(os.path.join(folder, "outputs"))
        completed = subprocess.run(command + [f"x={x}"], capture_output=True, text=True, check=True)
        out = completed.stdout
        if folder is not None:
            os.makedirs(os.path.join(folder, "logs"))
            for name, text in (("stdout.txt", completed.stdout), ("stderr.txt", completed.stderr)):
                if text:
                    with open(os.path.join(folder, "logs", name), "w", encoding="utf-8") as log:
                        log.write(text)
        # Parse the name=value line the way a metrics collector would.
        for token in out.split():
            name, sep, value = token.partition("=")
            if sep and name.strip() == "m":
                return float(value)
        raise RuntimeError(f"the trial printed no m=<value> line: {out!r}")

    study = optuna.create_study(direction="maximize", sampler=optuna.samplers.RandomSampler(seed=0))
    start = time.perf_counter()
    study.optimize(objective, n_trials=trials, n_jobs=jobs)
    elapsed = time.perf_counter() - start
    assert len(study.trials) == trials
    if folders is not None:
        shutil.rmtree(folders)  # outside the timing, as the .NET side deletes its run folder
    return elapsed * 1000.0 / trials


def memory_run(optuna, trials):
    study = optuna.create_study(direction="maximize", sampler=optuna.samplers.RandomSampler(seed=0))
    start = time.perf_counter()
    study.optimize(lambda t: t.suggest_float("x", 0.0, 1.0), n_trials=trials)
    elapsed = time.perf_counter() - start
    assert len(study.trials) == trials
    return trials / elapsed


def main(argv=None):
    args = parse_args(argv)
    try:
        import optuna
    except ImportError:
        sys.stderr.write(
            f"optuna is not installed for {sys.executable}.\n"
            "Install it: sudo apt-get install -y python3-optuna   (or: python3 -m pip install 'optuna==3.1.*')\n")
        return 3
    optuna.logging.set_verbosity(optuna.logging.WARNING)
    logging.getLogger("optuna").setLevel(logging.WARNING)

    def folders(run):
        return None if args.trial_folders is None else os.path.join(args.trial_folders, f"run{run}")

    subprocess_run(optuna, max(10, args.process_trials // 10), args.process_jobs, args.command, folders("warm-up"))
    result = {
        "optuna": optuna.__version__,
        "python": sys.version.split()[0],
        "subprocess_ms_per_trial": [
            subprocess_run(optuna, args.process_trials, args.process_jobs, args.command, folders(run))
            for run in range(args.repetitions)],
        "inmemory_trials_per_second": [],
    }
    if not args.skip_memory:
        memory_run(optuna, max(100, args.memory_trials // 10))
        result["inmemory_trials_per_second"] = [memory_run(optuna, args.memory_trials) for _ in range(args.repetitions)]
    json.dump(result, sys.stdout)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
