"""Write ``solutions/C1W3_planar_classification/logistic_baseline.json``: the baseline's weights.

C1W3 compares its network with logistic regression on the same flower data. The release must
not carry the logistic-regression code (C1W2 grades it), so the baseline travels as its trained
weights: ``dlutils.logistic.model`` on C1W3's training set (the 300 points of the flower that the
notebook's split keeps for training: ``np.random.default_rng(0).permutation(400)[:300]``),
2,000 iterations, learning rate 0.5. The notebook scores and plots them itself.
``tests/test_c1_baselines.py`` checks that this file is what the script writes today.

    python scripts/notebooks/C1W3_baseline.py
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from dlutils import logistic
from dlutils.datasets import load_planar_dataset

TARGET = (
    Path(__file__).resolve().parents[2]
    / "solutions"
    / "C1W3_planar_classification"
    / "logistic_baseline.json"
)
ITERATIONS, LEARNING_RATE = 2000, 0.5
SPLIT_SEED, TRAINING_POINTS = 0, 300


def split():
    """The notebook's split of the flower: ``(X, Y, X_test, Y_test)``, 300 and 100 points."""
    X_all, Y_all = load_planar_dataset()
    order = np.random.default_rng(SPLIT_SEED).permutation(X_all.shape[1])
    train, held_out = order[:TRAINING_POINTS], order[TRAINING_POINTS:]
    return X_all[:, train], Y_all[:, train], X_all[:, held_out], Y_all[:, held_out]


def baseline() -> dict:
    """The trained weights, rounded to 12 significant digits (stable across BLAS builds)."""
    X, Y, X_test, Y_test = split()
    trained = logistic.model(
        X, Y, X_test, Y_test, num_iterations=ITERATIONS, learning_rate=LEARNING_RATE
    )
    return {
        "trained_with": f"dlutils.logistic.model, {ITERATIONS} iterations, learning rate "
        f"{LEARNING_RATE}, on the {TRAINING_POINTS} training points of load_planar_dataset() "
        f"that np.random.default_rng({SPLIT_SEED}).permutation keeps",
        "w": [[float(f"{value:.12g}")] for value in trained["w"].ravel()],
        "b": float(f"{float(trained['b']):.12g}"),
    }


def main() -> None:
    TARGET.write_text(json.dumps(baseline(), indent=1) + "\n", encoding="utf-8")
    print(f"wrote {TARGET}")


if __name__ == "__main__":
    main()
