"""The tuning suite's objective: multilinear interpolation of a lookup table built by make_tables.py.

TableProblem.cs computes the same function; the harness refuses to run unless both agree at check points.
"""
import json
import math
import os

HERE = os.path.dirname(os.path.abspath(__file__))


class Table:
    def __init__(self, name):
        with open(os.path.join(HERE, "tables", name + ".json")) as f:
            document = json.load(f)
        self.name = name
        self.document = document
        self.parameters = document["parameters"]
        self.values = document["values"]
        self.optimum = document["optimum"]
        self.strides = []
        stride = 1
        for p in reversed(self.parameters):
            self.strides.insert(0, stride)
            stride *= len(p["values"] if p["kind"] == "choice" else p["nodes"])

    def suggest(self, trial):
        point = {}
        for p in self.parameters:
            if p["kind"] == "choice":
                point[p["name"]] = trial.suggest_categorical(p["name"], p["values"])
            elif p["kind"] == "uniform":
                point[p["name"]] = trial.suggest_float(p["name"], p["min"], p["max"])
            else:
                point[p["name"]] = trial.suggest_int(p["name"], p["min"], p["max"], step=p["q"])
        return point

    def evaluate(self, point):
        """Returns the interpolated objective, or NaN where a failed node has weight (a failed trial)."""
        corners = [(0, 1.0)]
        for p, stride in zip(self.parameters, self.strides):
            value = point[p["name"]]
            if p["kind"] == "choice":
                terms = [(p["values"].index(value), 1.0)]
            else:
                nodes = p["nodes"]
                v = min(max(float(value), nodes[0]), nodes[-1])
                j = 0
                while j < len(nodes) - 2 and v > nodes[j + 1]:
                    j += 1
                t = (v - nodes[j]) / (nodes[j + 1] - nodes[j])
                terms = [(j, 1.0 - t), (j + 1, t)]
            corners = [(index + i * stride, weight * w) for index, weight in corners for i, w in terms if w > 0.0]
        total = 0.0
        for index, weight in corners:
            value = self.values[index]
            if value is None:
                return math.nan
            total += weight * value
        return total
