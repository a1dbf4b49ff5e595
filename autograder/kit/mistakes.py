"""The catalogue of classic mistakes: one wording for each hint, used by every suite.

A :class:`Mistake` is its hint text (it *is* a ``str``, so it goes wherever a hint goes) with a
stable ``name`` that tests refer to. Suites pair an entry with the value the mistake would
produce on the case at hand (``[(COST_SIGN, wrong_value), ...]``) and pass the pairs to an
``expect_*`` helper as ``mistakes=``; the hint is shown only when the submission's value
matches. The builders below compute those pairs for the mistakes that recur across assignments.

The catalogue is a table of module constants, one row ``NAME = "hint"`` per entry; the last line
of this module makes each row ``Mistake("name", "hint")``, so that a name is written only once.
Add a row above that line (``test_mistakes`` checks that every row became an entry).

A :class:`Sample` plants one mistake in a solution notebook: the demo writes the first sample of
each assignment as a submission, and the tests grade every sample alone and check that it shows
its own hint and no other.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass

import numpy as np

from autograder.kit.spec import Mismatch
from autograder.learner import compare

__all__ = [
    "Mistake",
    "Sample",
    "axis_mistakes",
    "by_key",
    "cross_entropy",
    "hint_on_failure",
    "descent_step",
    "sigmoid_mistakes",
    "unscaled_gradients",
]


class Mistake(str):
    """A hint for one classic mistake, named so that tests can refer to it."""

    name: str

    def __new__(cls, name: str, hint: str) -> Mistake:
        entry = super().__new__(cls, hint)
        entry.name = name
        return entry

    def __repr__(self) -> str:
        return f"Mistake({self.name!r})"


def _name_entries(namespace: dict) -> None:
    """Make every row ``NAME = "hint"`` of ``namespace`` the entry ``Mistake("name", "hint")``."""
    for constant, value in list(namespace.items()):
        if constant.isupper() and type(value) is str:
            namespace[constant] = Mistake(constant.lower(), value)


@dataclass(frozen=True)
class Sample:
    """A classic mistake planted in the solution of ``function``.

    ``old`` is replaced by ``new`` once in the solution's answer cell (or, when ``old`` is
    empty, ``new`` is the whole cell). ``mistake`` is the hint the grade must show; None where
    the catalogue has no hint for it (a wrong quiz answer: the report shows the explanation).
    """

    function: str
    old: str
    new: str
    mistake: Mistake | None
    label: str = ""


def entry(name: str) -> Mistake:
    """The catalogue entry called ``name`` (``entry("cost_sign") is COST_SIGN``)."""
    found = globals().get(name.upper())
    if not isinstance(found, Mistake) or found.name != name:
        raise KeyError(f"no classic mistake named {name!r} in autograder/kit/mistakes.py")
    return found


def read_samples(path) -> list[Sample]:
    """The ``[[samples]]`` of a ``samples.toml`` file, their mistakes looked up by name.

    Raises ``ValueError`` naming the file and the entry for an unknown key or mistake name.
    """
    with open(path, "rb") as file:
        rows = tomllib.load(file).get("samples", [])
    samples = []
    for number, row in enumerate(rows, start=1):
        unknown = set(row) - {"function", "old", "new", "mistake", "label"}
        try:
            if unknown or "function" not in row or "new" not in row:
                raise KeyError(
                    f"keys {sorted(row)}; expected function, new and optionally old, mistake, label"
                )
            mistake = entry(row["mistake"]) if "mistake" in row else None
        except KeyError as error:
            raise ValueError(f"{path}: sample {number}: {error.args[0]}") from None
        samples.append(
            Sample(row["function"], row.get("old", ""), row["new"], mistake, row.get("label", ""))
        )
    return samples


# -- cross-entropy cost ----------------------------------------------------------------------

COST_NO_MEAN = "divide by m: the cost is the mean over examples, -(1/m) * sum(...)"
COST_SIGN = "the cost is minus the mean log-likelihood: check the sign"
COST_ONE_TERM = "include both terms, y * log(a) and (1 - y) * log(1 - a)"

# -- gradients and updates -------------------------------------------------------------------

GRAD_NO_MEAN = "divide by m: dW = (1/m) dZ @ A_prev.T and db = (1/m) * sum over examples"
UPDATE_SIGN = "gradient descent subtracts: W = W - learning_rate * dW"

# -- initialisation --------------------------------------------------------------------------

INIT_UNSCALED = "scale the random weights by 0.01 (rng.standard_normal(shape) * 0.01)"
INIT_UNIFORM = "draw from a standard normal, rng.standard_normal, not rng.random (uniform)"


def cross_entropy(A: np.ndarray, Y: np.ndarray) -> list[tuple[Mistake, float]]:
    r"""The classic wrong forms of :math:`J = -\frac1m \sum y \log a + (1-y)\log(1-a)`.

    ``A`` (probabilities) and ``Y`` (labels in {0, 1}) have shape ``(1, m)``.
    """
    m = Y.shape[1]
    log_likelihood = Y * np.log(A) + (1 - Y) * np.log(1 - A)
    return [
        (COST_NO_MEAN, float(-log_likelihood.sum())),
        (COST_SIGN, float(log_likelihood.sum() / m)),
        (COST_ONE_TERM, float(-(Y * np.log(A)).sum() / m)),
    ]


def descent_step(
    parameters: dict[str, np.ndarray], grads: dict[str, np.ndarray], learning_rate: float
) -> dict[str, list[tuple[Mistake, np.ndarray]]]:
    """Per parameter ``W``: the step that adds ``learning_rate * dW`` instead of subtracting."""
    return {
        key: [(UPDATE_SIGN, value + learning_rate * grads["d" + key])]
        for key, value in parameters.items()
    }


def unscaled_gradients(
    dZ: np.ndarray, A_prev: np.ndarray, *, names: tuple[str, str] = ("dW", "db")
) -> dict[str, list[tuple[Mistake, np.ndarray]]]:
    """``dW = dZ @ A_prev.T`` and ``db = sum(dZ)`` without the ``1/m`` (shapes as the real ones)."""
    dW, db = names
    return {
        dW: [(GRAD_NO_MEAN, dZ @ A_prev.T)],
        db: [(GRAD_NO_MEAN, dZ.sum(axis=1, keepdims=True))],
    }


# -- turning wrong variants into hints ------------------------------------------------------


def by_key(variants) -> dict:
    """``[(mistake, result), ...]`` regrouped per item: ``{key: [(mistake, value), ...]}``.

    Each ``result`` is what one wrong variant returns: a dict (keyed by its keys) or a tuple
    (keyed by position). The regrouped form is what ``expect_dict(..., mistakes=)`` takes, and
    ``by_key(...)[i]`` what ``expect_array`` takes for item ``i`` of a tuple.
    """
    grouped: dict = {}
    for mistake, result in variants:
        items = result.items() if isinstance(result, dict) else enumerate(result)
        for key, value in items:
            grouped.setdefault(key, []).append((mistake, value))
    return grouped


def hint_on_failure(check, make_mistakes) -> None:
    """Run ``check(mistakes)`` with no mistakes; only if it fails, build the (costly) wrong
    variants with ``make_mistakes()`` and run it again with them, for the hint."""
    try:
        check({})
    except Mismatch:
        check(make_mistakes())


# -- sizes, initialisation order (C1W3) ------------------------------------------------------

SIZES_N_X = "n_x is the number of input features, X.shape[0] (X.shape[1] counts examples)"
SIZES_N_Y = "n_y is the number of output units, Y.shape[0]"
SIZES_N_H_FIXED = "the hidden layer size is fixed at 4 in this function"
INIT_ORDER = "draw W1 before W2 from the same rng"
INIT_BIAS_DRAWN = (
    "biases start at zero (np.zeros((n[l], 1))); drawing them also shifts every later draw"
)
INIT_DEEP_NOT_XAVIER = (
    "this step-by-step initializer scales by 0.01, not by 1/sqrt(n[l-1]) (that one comes in the "
    "application)"
)
INIT_DEEP_LAYERS = "loop for l in range(1, len(layer_dims)) to create every layer"

# -- forward pass: biases and activations ----------------------------------------------------

FORWARD_NO_BIAS = "add the bias: Z = W @ A_prev + b in every layer"
HIDDEN_TANH = "the hidden layer uses tanh: A1 = np.tanh(Z1)"
HIDDEN_RELU = (
    "the hidden layers are LINEAR -> RELU: use activation='relu' for layers 1 ... L-1, forward "
    "and backward"
)
OUTPUT_SIGMOID = (
    "the output layer is LINEAR -> SIGMOID: AL = sigmoid(ZL), and its backward step uses "
    "activation='sigmoid'"
)
ACTIVATIONS_SWAPPED = (
    "hidden layers use ReLU and the output layer the sigmoid (not the other way round)"
)
ACTIVATION_ARGUMENT = (
    "use the activation named by the argument (activation='relu' or 'sigmoid'), forward and "
    "backward"
)
RETURN_ACTIVATION = "return the activation A = g(Z), not Z"
LINEAR_CACHE_ORDER = "the linear cache is (A, W, b), in that order"
PREDICT_LABELS = "return labels, not probabilities: 1 where the output probability is > 0.5, else 0"
PREDICT_DIRECTION = "class 1 is predicted when the output probability is > 0.5, not below"

# -- cost and backward pass ------------------------------------------------------------------

COST_SECOND_TERM = "the second term is (1 - y) * log(1 - a)"
TANH_DERIVATIVE = "use the tanh derivative 1 - A1**2 (not 1 - A1)"
NO_DERIVATIVE = (
    "multiply by the activation's derivative g'(Z): dZ = dA * g'(Z) (relu_backward, "
    "sigmoid_backward; for tanh, 1 - A**2)"
)
DA_PREV_SCALED = "dA_prev = W.T @ dZ, with no 1/m factor"
GRAD_MEAN_TWICE = "dW is (1/m) dZ @ A_prev.T, not divided by m twice"
DB_SUM_ALL = "db sums dZ over the examples (axis=1, keepdims=True), not over everything"
# The words of the comparison's own shape hint (kit.compare._shape_hint), which a sum over
# axis 0 also gets from checks that know no mistakes: one wording for both.
REDUCED_WRONG_AXIS = compare.REDUCED_WRONG_AXIS
DAL_SIGN = "dAL = -(Y / AL - (1 - Y) / (1 - AL)): check the sign"
DAL_NOT_AL_MINUS_Y = (
    "start from dAL, the derivative of the cost with respect to AL, not from AL - Y"
)
DA_KEYS = (
    "store the gradient with respect to the INPUT of layer l as grads['dA' + str(l - 1)] (dA0 "
    "is with respect to X)"
)
UPDATE_NO_RATE = "multiply the gradient by the learning rate"
UPDATE_LAST_LAYER = (
    "update every layer, l = 1 ... L: loop over range(1, L + 1) with L = len(parameters) // 2"
)
UPDATE_BIASES = "update the biases too: b = b - learning_rate * db"

# -- training loops (C1W4 application) ------------------------------------------------------

LOOP_DAL_SIGN = (
    "dA of the output is -(Y / AL - (1 - Y) / (1 - AL)); with the opposite sign the loop climbs "
    "the cost instead of descending it"
)
LOOP_STALE_PARAMETERS = (
    "read W1, b1, W2, b2 (or pass parameters) from the UPDATED parameters at every iteration: "
    "the forward pass must use the current weights"
)
LOOP_FIXED_RATE = "pass the learning_rate argument to update_parameters (not a fixed 0.0075)"
TWO_LAYER_INIT = (
    "two_layer_model initializes with initialize_parameters(n_x, n_h, n_y, rng=rng) "
    "(weights * 0.01), not 1/sqrt(n[l-1])"
)
L_LAYER_INIT_DEEP = (
    "L_layer_model initializes with initialize_parameters_xavier(layers_dims, rng=rng) "
    "(N(0, 1) / sqrt(n[l-1])), not initialize_parameters_deep's 0.01 scale"
)
L_LAYER_INIT_HE = (
    "L_layer_model initializes with initialize_parameters_xavier (1/sqrt(n[l-1])), not He "
    "(sqrt(2/n[l-1]))"
)
COSTS_EVERY_ITERATION = "record the cost only when i % 100 == 0 (and at the last iteration)"
COSTS_NO_LAST = "also record the cost of the last iteration (i == num_iterations - 1)"
COSTS_LAST_TWICE = (
    "record the last iteration once: when it is also a multiple of 100, one condition "
    "(if i % 100 == 0 or i == num_iterations - 1) records it once"
)
COSTS_AFTER_UPDATE = (
    "record the cost computed in this iteration's forward pass, before update_parameters"
)

# -- sigmoid and its derivative (C1W2) -------------------------------------------------------

SIGMOID_EXPONENT_SIGN = "the exponent is -z: sigmoid(z) = 1 / (1 + exp(-z))"
SIGMOID_PARENTHESES = "divide 1 by (1 + exp(-z)); check the parentheses"
SIGMOID_EXP_ONLY = "sigmoid(z) = 1 / (1 + exp(-z)), not exp(-z)"
SIGMOID_IS_DERIVATIVE = "this is the derivative; the sigmoid itself is 1 / (1 + exp(-z))"
DERIVATIVE_OF_INPUT = "apply the sigmoid first: s = sigmoid(x), then ds = s * (1 - s)"
DERIVATIVE_MIXED = "the derivative is s * (1 - s), with s = sigmoid(x) in both factors"
DERIVATIVE_PLUS = "the derivative is s * (1 - s), not s * (1 + s)"
DERIVATIVE_IS_SIGMOID = "return the derivative s * (1 - s), not the sigmoid itself"


def sigmoid_mistakes(z) -> list[tuple[Mistake, np.ndarray]]:
    r"""The classic wrong forms of :math:`\sigma(z) = 1 / (1 + e^{-z})` for ``z`` of any shape."""
    z = np.asarray(z, dtype=np.float64)
    s = 1 / (1 + np.exp(-z))
    return [
        (SIGMOID_EXPONENT_SIGN, 1 / (1 + np.exp(z))),
        (SIGMOID_IS_DERIVATIVE, s * (1 - s)),
        (SIGMOID_PARENTHESES, 1 + np.exp(-z)),
        (SIGMOID_EXP_ONLY, np.exp(-z)),
    ]


# -- reshapes, axes and keepdims (C1W2) ------------------------------------------------------

RESHAPE_ORDER = (
    "keep numpy's default (C) order: image.reshape(length * height * depth, 1); do not "
    "transpose the image or use order='F'"
)
RESHAPE_COLUMN = "the result is one column: image.reshape(length * height * depth, 1)"
WRONG_AXIS = "reduce over the other axis: axis=1 gives one value per row, axis=0 per column"
NO_KEEPDIMS = (
    "keep the reduced axis with keepdims=True, so that each row (or column) is divided by its "
    "own value"
)
WHOLE_ARRAY = (
    "give the reduction an axis: each row (or column) has its own value, not the whole array's"
)
NORM_SQUARED = "divide by the norm, the square root of the sum of squares (not the sum of squares)"
NORM_L1 = (
    "use the Euclidean (L2) norm, np.linalg.norm(x, axis=1, keepdims=True), not the sum of "
    "absolute values"
)
SOFTMAX_NO_EXP = "exponentiate first: x_exp = np.exp(x), then divide by the row sums of x_exp"
SOFTMAX_UNSTABLE = (
    "subtract each row's maximum before np.exp (x - x.max(axis=1, keepdims=True)); it cancels "
    "in the ratio but keeps exp from overflowing"
)
PERCENT_NO_100 = "multiply by 100: the result is a percentage, not a fraction"

# -- L1 and L2 losses (C1W2) -----------------------------------------------------------------

L1_NO_ABS = (
    "take the absolute value of each difference (y - yhat can be negative): "
    "np.sum(np.abs(y - yhat))"
)
L1_MEAN = "the L1 loss is the SUM of absolute differences, not their mean"
L1_SQUARES = "that is the L2 loss; L1 sums absolute values, not squares"
L2_SQRT = "the L2 loss is the sum of squares with no square root (np.dot(d, d) for d = y - yhat)"
L2_MEAN = "the L2 loss is the SUM of squared differences, not their mean"
L2_ABS = "square each difference: np.sum((y - yhat) ** 2); that is the L1 loss"
L2_SQUARE_OF_SUM = "square each difference before summing: np.sum((y - yhat) ** 2), not (sum)^2"

# -- the computation graph J = 3 (a + b c) (C1W2) --------------------------------------------

GRAPH_J_NO_3 = "J = 3 * v with v = a + u and u = b * c"
GRAPH_J_3_ON_A = "J = 3 * (a + b * c): the 3 multiplies the whole sum"
GRAPH_DA_CHAIN = "chain rule: dJ/da = dJ/dv * dv/da = 3 * 1"
GRAPH_NO_3 = "chain rule: dJ/db = 3 * c and dJ/dc = 3 * b (you dropped the 3)"
GRAPH_FACTOR = "u = b * c, so du/db = c and du/dc = b: dJ/db = 3 * c, dJ/dc = 3 * b"

# -- logistic regression (C1W2) --------------------------------------------------------------

BIAS_INT = "write b = 0.0: the bias is a float, not the int 0"
WEIGHTS_INT = "np.zeros((dim, 1)) holds floats; do not ask for ints"
NEURON_NO_BIAS = "add the bias before the sigmoid: A = sigmoid(w.T @ X + b)"
DZ_SIGN = "dZ = A - Y (not Y - A): the gradient points uphill and descent subtracts it"
RATE_IGNORED = "use the learning_rate argument, not a fixed value"
GRADS_AFTER_UPDATE = "return the gradients of the last iteration (computed before its update)"
COSTS_EVERY_100 = "record the cost only every 100 iterations (if i % 100 == 0)"
COSTS_FROM_ZERO = "record the cost at iteration 0 too (i % 100 == 0 holds for i = 0)"
COSTS_NO_EXTRA_LAST = (
    "record only when i % 100 == 0 (this assignment does not add the last iteration)"
)
PREDICT_AT_HALF = "predict class 1 only when A > 0.5 (strictly); A = 0.5 is class 0"
MODEL_RATE_NOT_PASSED = "pass learning_rate on to optimize (its default is 0.009)"
MODEL_ITERATIONS_NOT_PASSED = "pass num_iterations on to optimize (its default is 100)"
PREDICTIONS_SWAPPED = "Y_prediction_train comes from X_train and Y_prediction_test from X_test"


def axis_mistakes(x: np.ndarray, reduce, *, axis: int, combine=np.divide) -> list:
    """The axis/keepdims trio for ``combine(x, reduce(x, axis=axis, keepdims=True))``.

    ``x`` has shape ``(n, d)``; ``reduce(x, axis=, keepdims=)`` is ``np.sum``,
    ``np.linalg.norm`` or the like. The wrong forms reduce over the other axis
    (:data:`WRONG_AXIS`), over the whole array (:data:`WHOLE_ARRAY`), or, for a square ``x``
    only (other shapes do not broadcast), let the reduced values run along the wrong axis
    (:data:`NO_KEEPDIMS`).
    """
    mistakes = [
        (WRONG_AXIS, combine(x, reduce(x, axis=1 - axis, keepdims=True))),
        (WHOLE_ARRAY, combine(x, reduce(x, axis=None, keepdims=False))),
    ]
    if x.shape[0] == x.shape[1]:
        mistakes.append((NO_KEEPDIMS, combine(x, reduce(x, axis=axis, keepdims=True).T)))
    return mistakes


# -- initialisation scales (C2W1 initialization) ---------------------------------------------

INIT_TIMES_10 = (
    "the large random start multiplies the standard normal draws by 10: "
    "rng.standard_normal(shape) * 10"
)
INIT_FAN_IN = (
    "scale by the size of the PREVIOUS layer, n[l-1] = layers_dims[l - 1] (the fan-in), "
    "not by layers_dims[l]"
)
INIT_NO_SQRT = (
    "the scale is a standard deviation, the square root of the variance: "
    "np.sqrt(2 / n[l-1]) for He, np.sqrt(1 / n[l-1]) for Xavier"
)
INIT_HE_VS_XAVIER = (
    "He multiplies by np.sqrt(2 / n[l-1]) and Xavier by np.sqrt(1 / n[l-1]): check which "
    "one this function is"
)
INIT_GLOROT = (
    "this course's Xavier uses the fan-in only, np.sqrt(1 / n[l-1]), not Glorot's "
    "np.sqrt(2 / (n[l-1] + n[l]))"
)
INIT_W_SHAPE = (
    "W[l] has shape (n[l], n[l-1]) = (layers_dims[l], layers_dims[l - 1]): one row per unit "
    "of layer l"
)
INIT_BIAS_SHAPE = "b[l] is a column: np.zeros((layers_dims[l], 1)), not a 1-D array"

# -- gradient checking (C2W1_gradient_checking) ------------------------------------------------

GC_FORWARD_SUM = "the cost of this one-parameter model is a product: J = theta * x"
GC_DTHETA_THETA = "J = theta * x, so dJ/dtheta = x (not theta)"
GC_DTHETA_J = "return the derivative dJ/dtheta = x, not the cost J = theta * x"
GC_ONE_SIDED = (
    "use the two-sided difference (J(theta + epsilon) - J(theta - epsilon)) / (2 * epsilon); "
    "the one-sided (J(theta + epsilon) - J(theta)) / epsilon has an error of order epsilon"
)
GC_EPSILON_NOT_DOUBLED = (
    "theta + epsilon and theta - epsilon are 2 * epsilon apart: divide by 2 * epsilon, not epsilon"
)
GC_NO_DENOMINATOR = (
    "divide by ||grad|| + ||gradapprox||: the difference is relative, "
    "||grad - gradapprox|| / (||grad|| + ||gradapprox||)"
)
GC_SQUARED_NORM = (
    "the denominator is ||grad|| + ||gradapprox||, the norms themselves (np.linalg.norm), "
    "not their squares"
)
GC_L1_NORM = (
    "use the Euclidean norm np.linalg.norm (the square root of the sum of squares), not the sum "
    "of absolute values"
)
GC_NORM_DIFFERENCE = (
    "the numerator is the norm of the difference, np.linalg.norm(grad - gradapprox), not the "
    "difference of the two norms"
)
GC_NO_COPY = (
    "theta_plus = theta makes both names one array, so every shift stays in theta: start each "
    "shift from a copy, np.copy(theta)"
)
GC_ALL_AT_ONCE = (
    "shift one entry at a time: theta_plus[i] = theta_plus[i] + epsilon (adding epsilon to the "
    "whole vector gives every entry the same approximation)"
)
GC_RECOMPUTED_GRADIENTS = (
    "check the gradients you are given (grad = gradients_to_vector(gradients)): here they hold "
    "a planted mistake, so the difference must come out large"
)
GC_GRAD_FOR_J = (
    "J_plus and J_minus are costs, forward_propagation(x, theta_plus) and "
    "forward_propagation(x, theta_minus), not derivatives"
)
GC_RETURNS_BOOL = (
    "return the difference itself (a number); the comparison with 2e-7 is only for the message"
)

# The rows above become catalogue entries (keep this the module's last statement).
_name_entries(globals())
