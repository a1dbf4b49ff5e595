"""Classic mistakes in C1W3_planar_classification, each planted in the solution by one edit.

The first is the demo's. Each must cost points and show its catalogue hint, and no other.
"""

from __future__ import annotations

from autograder.kit import mistakes as M
from autograder.kit.mistakes import Sample

SAMPLES: list[Sample] = [
    Sample(
        "backward_propagation",
        "db1 = np.sum(dZ1, axis=1, keepdims=True) / m",
        "db1 = np.sum(dZ1, axis=1, keepdims=True)",
        M.GRAD_NO_MEAN,
        "forgot 1/m in db1",
    ),
    Sample("layer_sizes", "n_x = X.shape[0]", "n_x = X.shape[1]", M.SIZES_N_X),
    Sample("layer_sizes", "n_y = Y.shape[0]", "n_y = Y.shape[1]", M.SIZES_N_Y),
    Sample("layer_sizes", "n_h = 4", "n_h = 5", M.SIZES_N_H_FIXED),
    Sample(
        "initialize_parameters",
        "W1 = rng.standard_normal((n_h, n_x)) * 0.01",
        "W1 = rng.standard_normal((n_h, n_x))",
        M.INIT_UNSCALED,
    ),
    Sample(
        "initialize_parameters",
        "W1 = rng.standard_normal((n_h, n_x)) * 0.01",
        "W1 = rng.random((n_h, n_x)) * 0.01",
        M.INIT_UNIFORM,
    ),
    Sample("forward_propagation", "A1 = np.tanh(Z1)", "A1 = sigmoid(Z1)", M.HIDDEN_TANH),
    Sample("forward_propagation", "A2 = sigmoid(Z2)", "A2 = Z2", M.OUTPUT_SIGMOID),
    Sample(
        "compute_cost", "cost = -np.sum(logprobs) / m", "cost = -np.sum(logprobs)", M.COST_NO_MEAN
    ),
    Sample(
        "compute_cost", "cost = -np.sum(logprobs) / m", "cost = np.sum(logprobs) / m", M.COST_SIGN
    ),
    Sample(
        "compute_cost",
        "logprobs = Y * np.log(A2) + (1 - Y) * np.log(1 - A2)",
        "logprobs = Y * np.log(A2)",
        M.COST_ONE_TERM,
    ),
    Sample("backward_propagation", "dW1 = dZ1 @ X.T / m", "dW1 = dZ1 @ X.T", M.GRAD_NO_MEAN),
    Sample("backward_propagation", "* (1 - A1**2)", "* (1 - A1)", M.TANH_DERIVATIVE),
    Sample(
        "backward_propagation",
        "dZ1 = (W2.T @ dZ2) * (1 - A1**2)",
        "dZ1 = W2.T @ dZ2",
        M.NO_DERIVATIVE,
    ),
    Sample(
        "update_parameters",
        "parameters[key] - learning_rate",
        "parameters[key] + learning_rate",
        M.UPDATE_SIGN,
    ),
    Sample(
        "predict", "predictions = (A2 > 0.5).astype(float)", "predictions = A2", M.PREDICT_LABELS
    ),
    Sample("predict", "(A2 > 0.5)", "(A2 <= 0.5)", M.PREDICT_DIRECTION),
]
