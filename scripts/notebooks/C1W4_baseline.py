"""Write ``solutions/C1W4_deep_nn_application/logistic_baseline.json``: the baseline's weights.

C1W4_deep_nn_application compares its 2-layer and 4-layer networks with logistic regression on
the same 3-vs-8 digits (800 training and 200 test images). The release must not carry the
logistic-regression code (C1W2 grades it), so the baseline travels as its trained weights:
``dlutils.logistic.model`` on the training images as C1W2 prepares them (``flatten_images``:
one column per image, grey levels divided by 255), 1,000 iterations at learning rate 0.5, the
setting of C1W2's own training run. The notebook scores them itself.
``tests/test_c1_baselines.py`` checks that this file is what the script writes today.

    python scripts/notebooks/C1W4_baseline.py
"""

from __future__ import annotations

import json
from pathlib import Path

from dlutils import logistic
from dlutils.datasets import flatten_images, load_binary_images

TARGET = (
    Path(__file__).resolve().parents[2]
    / "solutions"
    / "C1W4_deep_nn_application"
    / "logistic_baseline.json"
)
ITERATIONS, LEARNING_RATE = 1000, 0.5


def baseline() -> dict:
    """The trained weights, rounded to 12 significant digits (stable across BLAS builds)."""
    train_x_orig, train_y, test_x_orig, test_y, _ = load_binary_images()
    trained = logistic.model(
        flatten_images(train_x_orig),
        train_y.astype(float),
        flatten_images(test_x_orig),
        test_y.astype(float),
        num_iterations=ITERATIONS,
        learning_rate=LEARNING_RATE,
    )
    return {
        "trained_with": f"dlutils.logistic.model, {ITERATIONS} iterations, learning rate "
        f"{LEARNING_RATE}, on flatten_images of load_binary_images()'s 800 training images",
        "w": [[float(f"{value:.12g}")] for value in trained["w"].ravel()],
        "b": float(f"{float(trained['b']):.12g}"),
    }


def main() -> None:
    TARGET.write_text(json.dumps(baseline(), indent=1) + "\n", encoding="utf-8")
    print(f"wrote {TARGET}")


if __name__ == "__main__":
    main()
