"""Classic mistakes planted in the C1W2_numpy_basics solution (the first is the demo's)."""

from __future__ import annotations

from autograder.kit import mistakes as M
from autograder.kit.mistakes import Sample

SAMPLES: list[Sample] = [
    Sample(
        "normalize_rows",
        "np.linalg.norm(x, axis=1, keepdims=True)",
        "np.linalg.norm(x, axis=0, keepdims=True)",
        M.WRONG_AXIS,
        "norm over the wrong axis",
    ),
    Sample("basic_sigmoid", "math.exp(-x)", "math.exp(x)", M.SIGMOID_EXPONENT_SIGN),
    Sample("sigmoid", "s = 1 / (1 + np.exp(-x))", "s = np.exp(-x)", M.SIGMOID_EXP_ONLY),
    Sample("sigmoid_derivative", "s = sigmoid(x)", "s = x", M.DERIVATIVE_OF_INPUT),
    Sample(
        "image2vector",
        "image.reshape(length * height * depth, 1)",
        "image.reshape(length * height * depth, 1, order='F')",
        M.RESHAPE_ORDER,
    ),
    Sample(
        "softmax",
        "np.sum(x_exp, axis=1, keepdims=True)",
        "np.sum(x_exp, axis=0, keepdims=True)",
        M.WRONG_AXIS,
    ),
    Sample("L1", "np.sum(np.abs(y - yhat))", "np.mean(np.abs(y - yhat))", M.L1_MEAN),
    Sample("L2", "np.dot(diff, diff)", "np.sqrt(np.dot(diff, diff))", M.L2_SQRT),
    Sample("column_percentages", "100 * A / totals", "A / totals", M.PERCENT_NO_100),
    Sample("computation_graph", "dJ_du = dJ_dv * 1", "dJ_du = 1", M.GRAPH_NO_3),
    # the second batch: other mistakes in the same functions
    Sample(
        "image2vector",
        "image.reshape(length * height * depth, 1)",
        "image.reshape(length * height, depth)",
        M.RESHAPE_COLUMN,
    ),
    Sample(
        "softmax",
        "np.exp(x - np.max(x, axis=1, keepdims=True))",
        "np.exp(x)",
        M.SOFTMAX_UNSTABLE,
        "no max subtraction: right on ordinary inputs, NaN near 1000",
    ),
    Sample("sigmoid", "np.exp(-x)", "np.exp(x)", M.SIGMOID_EXPONENT_SIGN),
    Sample("L1", "np.sum(np.abs(y - yhat))", "np.sum(y - yhat)", M.L1_NO_ABS),
    Sample("L2", "np.dot(diff, diff)", "np.sum(diff) ** 2", M.L2_SQUARE_OF_SUM),
    Sample(
        "column_percentages",
        "np.sum(A, axis=0, keepdims=True)",
        "np.sum(A, axis=1, keepdims=True)",
        M.WRONG_AXIS,
    ),
    Sample("computation_graph", "J = 3 * v", "J = v", M.GRAPH_J_NO_3),
    # keepdims dropped: the 2x2 public case broadcasts the norms along the rows
    Sample(
        "normalize_rows",
        "np.linalg.norm(x, axis=1, keepdims=True)",
        "np.linalg.norm(x, axis=1)",
        M.NO_KEEPDIMS,
    ),
]
