"""Classic mistakes planted in the C1W2_logistic_regression solution (the first is the demo's)."""

from __future__ import annotations

from autograder.kit import mistakes as M
from autograder.kit.mistakes import Sample

SAMPLES: list[Sample] = [
    Sample(
        "propagate", "dw = X @ (A - Y).T / m", "dw = X @ (A - Y).T", M.GRAD_NO_MEAN, "no 1/m in dw"
    ),
    Sample("sigmoid", "np.exp(-z)", "np.exp(z)", M.SIGMOID_EXPONENT_SIGN),
    Sample("initialize_with_zeros", "b = 0.0", "b = 0", M.BIAS_INT),
    Sample(
        "optimize",
        "w = w - learning_rate * dw\n        b = b - learning_rate * db",
        "w = w + learning_rate * dw\n        b = b + learning_rate * db",
        M.UPDATE_SIGN,
    ),
    Sample("predict", "(A > 0.5)", "(A >= 0.5)", M.PREDICT_AT_HALF),
    Sample(
        "model",
        "Y_train, num_iterations, learning_rate,",
        "Y_train, num_iterations, 0.009,",
        M.MODEL_RATE_NOT_PASSED,
    ),
    # more mistakes in the same functions
    Sample("propagate", "A = sigmoid(w.T @ X + b)", "A = sigmoid(w.T @ X)", M.NEURON_NO_BIAS),
    Sample("propagate", "cost = -np.sum(", "cost = np.sum(", M.COST_SIGN),
    Sample(
        "predict", "Y_prediction = (A > 0.5).astype(float)", "Y_prediction = A", M.PREDICT_LABELS
    ),
    Sample("optimize", "if i % 100 == 0:", "if i % 1 == 0:", M.COSTS_EVERY_100),
    Sample(
        "model",
        "Y_prediction_test = predict(w, b, X_test)",
        "Y_prediction_test = predict(w, b, X_train)",
        M.PREDICTIONS_SWAPPED,
    ),
]
