"""Classic mistakes in C1W4_deep_nn_step_by_step, each planted in the solution by one edit.

The first is the demo's. Each must cost points and show its catalogue hint, and no other.
"""

from __future__ import annotations

from autograder.kit import mistakes as M
from autograder.kit.mistakes import Sample

_RELU_LAYER = 'parameters["b" + str(l)], "relu")'
_SIGMOID_LAYER = 'parameters["b" + str(L)], "sigmoid")'

SAMPLES: list[Sample] = [
    Sample(
        "linear_backward",
        "db = np.sum(dZ, axis=1, keepdims=True) / m",
        "db = np.sum(dZ, axis=0, keepdims=True) / m",
        M.REDUCED_WRONG_AXIS,
        "db summed over the wrong axis",
    ),
    Sample("linear_backward", "dW = dZ @ A_prev.T / m", "dW = dZ @ A_prev.T", M.GRAD_NO_MEAN),
    Sample("linear_backward", "dA_prev = W.T @ dZ", "dA_prev = W.T @ dZ / m", M.DA_PREV_SCALED),
    Sample(
        "initialize_parameters",
        "W1 = rng.standard_normal((n_h, n_x)) * 0.01",
        "W1 = rng.standard_normal((n_h, n_x))",
        M.INIT_UNSCALED,
    ),
    Sample("initialize_parameters_deep", ") * 0.01", ")", M.INIT_UNSCALED),
    Sample(
        "initialize_parameters_deep",
        ") * 0.01",
        ") / np.sqrt(layer_dims[l - 1])",
        M.INIT_DEEP_NOT_XAVIER,
    ),
    Sample(
        "initialize_parameters_deep",
        "np.zeros((layer_dims[l], 1))",
        "rng.standard_normal((layer_dims[l], 1)) * 0.01",
        M.INIT_BIAS_DRAWN,
    ),
    Sample("linear_forward", "Z = W @ A + b", "Z = W @ A", M.FORWARD_NO_BIAS),
    Sample("linear_activation_forward", "A = sigmoid(Z)", "A = relu(Z)", M.ACTIVATION_ARGUMENT),
    Sample("linear_activation_forward", "A = relu(Z)", "A = Z", M.RETURN_ACTIVATION),
    Sample("L_model_forward", _RELU_LAYER, _RELU_LAYER.replace("relu", "sigmoid"), M.HIDDEN_RELU),
    Sample(
        "L_model_forward",
        _SIGMOID_LAYER,
        _SIGMOID_LAYER.replace("sigmoid", "relu"),
        M.OUTPUT_SIGMOID,
    ),
    Sample("compute_cost", "AL)) / m", "AL))", M.COST_NO_MEAN),
    Sample("compute_cost", "cost = -np.sum", "cost = np.sum", M.COST_SIGN),
    Sample("compute_cost", "np.log(1 - AL)", "np.log(AL)", M.COST_SECOND_TERM),
    Sample(
        "linear_activation_backward",
        "dZ = relu_backward(dA, activation_cache)",
        "dZ = dA",
        M.NO_DERIVATIVE,
    ),
    Sample(
        "linear_activation_backward",
        "dZ = sigmoid_backward(dA, activation_cache)",
        "dZ = relu_backward(dA, activation_cache)",
        M.ACTIVATION_ARGUMENT,
    ),
    Sample("L_model_backward", "dAL = -(np.divide", "dAL = (np.divide", M.DAL_SIGN),
    Sample(
        "L_model_backward", 'current_cache, "sigmoid")', 'current_cache, "relu")', M.OUTPUT_SIGMOID
    ),
    Sample(
        "L_model_backward", 'current_cache, "relu")', 'current_cache, "sigmoid")', M.HIDDEN_RELU
    ),
    Sample(
        "L_model_backward",
        "dAL = -(np.divide(Y, AL) - np.divide(1 - Y, 1 - AL))",
        "dAL = AL - Y",
        M.DAL_NOT_AL_MINUS_Y,
    ),
    Sample(  # keys named after the layer, not its input: one edit cannot express it
        "L_model_backward",
        "",
        """def L_model_backward(AL, Y, caches):
    grads = {}
    L = len(caches)
    dA = -(Y / AL - (1 - Y) / (1 - AL))
    for l in reversed(range(1, L + 1)):
        dA, grads["dW" + str(l)], grads["db" + str(l)] = linear_activation_backward(
            dA, caches[l - 1], "sigmoid" if l == L else "relu")
        grads["dA" + str(l)] = dA
    return grads
""",
        M.DA_KEYS,
    ),
    Sample(
        "update_parameters",
        'params["W" + str(l)] - learning_rate',
        'params["W" + str(l)] + learning_rate',
        M.UPDATE_SIGN,
    ),
    Sample(
        "update_parameters",
        '- learning_rate * grads["dW" + str(l)]',
        '- grads["dW" + str(l)]',
        M.UPDATE_NO_RATE,
    ),
    Sample(
        "update_parameters",
        '- learning_rate * grads["db" + str(l)]',
        "",
        M.UPDATE_BIASES,
    ),
]
