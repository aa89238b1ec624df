# A toy training loop for the dashboard tests and screenshots: the loss falls per epoch, mostly driven by the learning
# rate (log scale, best near 1e-2), a little by dropout and the optimizer; a file 'slow' next to it slows it (a live sweep).
import argparse, math, os, sys, time
p = argparse.ArgumentParser()
p.add_argument("--lr", type=float); p.add_argument("--dropout", type=float)
p.add_argument("--layers", type=int); p.add_argument("--optimizer")
a = p.parse_args()
here = os.path.dirname(os.path.abspath(__file__))
delay = 0.25 if os.path.exists(os.path.join(here, "slow")) else 0.0
base = 0.2 + 0.6 * (math.log10(a.lr) + 2) ** 2 + 0.3 * abs(a.dropout - 0.3) + (0.05 if a.optimizer == "sgd" else 0.0)
for epoch in range(1, 7):
    loss = base + 1.5 / epoch + 0.01 * a.layers
    print(f"loss={loss:.5f}", flush=True)
    if delay:
        time.sleep(delay)
print("done", file=sys.stderr, flush=True)
