"""Classic mistakes in C1W4_deep_nn_application, each planted in the solution by one edit.

The first is the demo's. Each must cost points and show its catalogue hint, and no other.
"""

from __future__ import annotations

from autograder.kit import mistakes as M
from autograder.kit.mistakes import Sample

_RECORD = "if i % 100 == 0 or i == num_iterations - 1:"
_UPDATE = "parameters = update_parameters(parameters, grads, learning_rate)"
_READ = """    for i in range(num_iterations):
        W1, b1 = parameters["W1"], parameters["b1"]
        W2, b2 = parameters["W2"], parameters["b2"]
"""
_READ_ONCE = """    W1, b1 = parameters["W1"], parameters["b1"]
    W2, b2 = parameters["W2"], parameters["b2"]
    for i in range(num_iterations):
"""
_LAYER_1 = """A1, cache1 = linear_activation_forward(X, W1, b1, "relu")
        A2, cache2 = linear_activation_forward(A1, W2, b2, "sigmoid")
        cost = compute_cost(A2, Y)
        dA2 = -(np.divide(Y, A2) - np.divide(1 - Y, 1 - A2))
        dA1, dW2, db2 = linear_activation_backward(dA2, cache2, "sigmoid")
        dA0, dW1, db1 = linear_activation_backward(dA1, cache1, "relu")"""

SAMPLES: list[Sample] = [
    Sample(
        "L_layer_model",
        "parameters = initialize_parameters_xavier(layers_dims, rng=rng)",
        "parameters = initialize_parameters_deep(layers_dims, rng=rng)",
        M.L_LAYER_INIT_DEEP,
        "0.01 initialization instead of 1/sqrt(n_prev)",
    ),
    Sample(
        "L_layer_model",
        "initialize_parameters_xavier(layers_dims, rng=rng)",
        "initialize_parameters_he(layers_dims, rng=rng)",
        M.L_LAYER_INIT_HE,
    ),
    Sample(
        "L_layer_model", _UPDATE, _UPDATE.replace("learning_rate)", "0.0075)"), M.LOOP_FIXED_RATE
    ),
    Sample("L_layer_model", _RECORD, "if True:", M.COSTS_EVERY_ITERATION),
    Sample("L_layer_model", _RECORD, "if i % 100 == 0:", M.COSTS_NO_LAST),
    Sample(
        "L_layer_model",
        _UPDATE,
        _UPDATE + "\n        cost = compute_cost(L_model_forward(X, parameters)[0], Y)",
        M.COSTS_AFTER_UPDATE,
    ),
    Sample(
        "two_layer_model",
        "initialize_parameters(n_x, n_h, n_y, rng=rng)",
        "initialize_parameters_xavier(list(layers_dims), rng=rng)",
        M.TWO_LAYER_INIT,
    ),
    Sample("two_layer_model", _READ, _READ_ONCE, M.LOOP_STALE_PARAMETERS),
    Sample("two_layer_model", "dA2 = -(np.divide", "dA2 = (np.divide", M.LOOP_DAL_SIGN),
    Sample("two_layer_model", _LAYER_1, _LAYER_1.replace('"relu"', '"sigmoid"'), M.HIDDEN_RELU),
]
