"""Write ``solutions/C1W3_planar_classification/logistic_baseline.json``: the baseline's weights.

C1W3 compares its network with logistic regression on the same flower data. The release must
not carry the logistic-regression code (C1W2 grades it), so the baseline travels as its trained
weights: ``dlutils.logistic.model`` on C1W3's training set, 2,000 iterations, learning rate 0.5.
The notebook scores and plots them itself. ``tests/test_notebooks.py`` checks that this file
is what the script writes today.

    python scripts/notebooks/C1W3_baseline.py
"""

from __future__ import annotations

import json
from pathlib import Path

from dlutils import logistic
from dlutils.datasets import load_2d_dataset, load_planar_dataset

TARGET = (
    Path(__file__).resolve().parents[2]
    / "solutions"
    / "C1W3_planar_classification"
    / "logistic_baseline.json"
)
ITERATIONS, LEARNING_RATE = 2000, 0.5


def baseline() -> dict:
    """The trained weights, rounded to 12 significant digits (stable across BLAS builds)."""
    X, Y = load_planar_dataset()
    _, _, X_test, Y_test = load_2d_dataset("flower")
    trained = logistic.model(
        X, Y, X_test, Y_test, num_iterations=ITERATIONS, learning_rate=LEARNING_RATE
    )
    return {
        "trained_with": f"dlutils.logistic.model, {ITERATIONS} iterations, learning rate "
        f"{LEARNING_RATE}, on load_planar_dataset()",
        "w": [[float(f"{value:.12g}")] for value in trained["w"].ravel()],
        "b": float(f"{float(trained['b']):.12g}"),
    }


def main() -> None:
    TARGET.write_text(json.dumps(baseline(), indent=1) + "\n", encoding="utf-8")
    print(f"wrote {TARGET}")


if __name__ == "__main__":
    main()
