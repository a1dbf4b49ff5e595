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

# -- optimization: mini-batches, averages, momentum, RMSprop, Adam, decay (C2W2) ------------

MB_LAST_DROPPED = (
    "keep the last, smaller mini-batch: when m is not a multiple of mini_batch_size it holds "
    "the m % mini_batch_size examples left over"
)
MB_LAST_PADDED = (
    "the last mini-batch holds only the m % mini_batch_size examples left over: do not pad it "
    "or fill it up to mini_batch_size"
)
MB_SAME_PERMUTATION = (
    "shuffle X and Y with the SAME permutation (one rng.permutation(m) per call), so that "
    "each example keeps its label"
)
MB_COLUMNS = (
    "examples are columns: cut shuffled_X[:, k * mini_batch_size : (k + 1) * mini_batch_size], "
    "not rows"
)
MB_RNG = (
    "draw the one permutation from the rng argument, permutation = rng.permutation(m), not "
    "from np.random, and cut the batches in its order"
)
EWA_BIAS_CORRECTION = (
    "with bias_correction=True, divide each v_t by (1 - beta**t), t = 1, 2, ... counting the values"
)
EWA_CORRECTION_UNASKED = (
    "with bias_correction=False, return v_t itself: the correction is applied only when asked"
)
EWA_CORRECTION_T = (
    "t counts from 1: the first value is v_1 = (1 - beta) * theta_1, corrected by 1 - beta**1 "
    "(in a loop over index i from 0, use beta ** (i + 1))"
)
MOMENTUM_ONE_MINUS_BETA = (
    "the velocity is a weighted average: v = beta * v + (1 - beta) * dW (the gradient is "
    "weighted by 1 - beta)"
)
MOMENTUM_BETA_ON_GRAD = (
    "beta weights the previous velocity and 1 - beta the gradient: v = beta * v + (1 - beta) "
    "* dW, not the other way round"
)
EPS_INSIDE_SQRT = (
    "epsilon goes outside the square root: divide by (np.sqrt(s) + epsilon), not "
    "np.sqrt(s + epsilon)"
)
RMSPROP_SQUARE = "s averages the SQUARED gradients: s = beta * s + (1 - beta) * dW**2"
ADAM_CORRECTION_POWER = (
    "correct v by 1 - beta1**t and s by 1 - beta2**t: beta1 for the first moment, beta2 for "
    "the second, each to the power t of this step"
)
ADAM_T_FIXED = (
    "use the t argument in the bias correction (1 - beta1**t, 1 - beta2**t): t grows by one "
    "at every update, it is not always 1"
)
ADAM_UNCORRECTED_STEP = (
    "the update uses the corrected moments: v_corrected / (np.sqrt(s_corrected) + epsilon)"
)
LR_DECAY_DIVIDE = (
    "divide by the decay factor: learning_rate0 / (1 + decay_rate * epoch_num); the epoch "
    "number belongs in the denominator"
)
LR_SCHEDULE_FLOOR = (
    "the rate changes only every time_interval epochs: use np.floor(epoch_num / time_interval) "
    "(or epoch_num // time_interval)"
)
LR_EXP_SIGN = (
    "the rate shrinks: learning_rate0 * base**epoch_num with base < 1, not base**(-epoch_num)"
)
LR_INVSQRT_T = "divide by np.sqrt(step), the step itself (counted from 1), not np.sqrt(1 + step)"
LR_INVSQRT_K = "multiply by k: learning_rate0 * k / np.sqrt(step)"
# The no-mutation check's own hint (compare.expect_no_mutation), for the samples that update a
# state dict in place: one text, defined where the check is.
INPUTS_CHANGED = compare.NO_MUTATION_HINT

# -- reverse-mode autodiff (C2W3 frameworks) -------------------------------------------------

RULE_NO_UPSTREAM = (
    "chain rule: multiply the local derivative by the upstream gradient "
    "(grad = upstream * d(out)/d(input))"
)
MUL_NOT_SWAPPED = (
    "each factor of a product gets the OTHER factor: grad_a = upstream * b and "
    "grad_b = upstream * a"
)
POW_EXPONENT_MINUS_ONE = "the power rule lowers the exponent by one: d(a**n)/da = n * a**(n - 1)"
POW_NO_FACTOR = "bring the exponent down as a factor: d(a**n)/da = n * a**(n - 1), times upstream"
EXP_OF_INPUT = (
    "the derivative of exp(a) is exp(a) itself, the OUTPUT: grad_a = upstream * out, "
    "not upstream * a"
)
LOG_RECIPROCAL = "the derivative of log(a) is 1 / a: grad_a = upstream / a"
GRAD_ASSIGNED = (
    "add each path's gradient to the parent (parent.grad += ...): a value used twice gets "
    "the sum of both paths, while = keeps only the last one"
)
BACKWARD_ORDER = (
    "visit the nodes from the output back to the inputs, for node in reversed(order): a node "
    "may pass its gradient on only once every node that uses it has added to it"
)
BACKWARD_SEED = "seed the output's gradient before the loop: self.grad = 1.0 (dL/dL = 1)"
MINIMIZE_HISTORY = (
    "costs holds num_steps + 1 numbers: J(w0) before the first step, then the cost after "
    "each of the num_steps steps"
)
MINIMIZE_STEPS = "take exactly num_steps gradient steps: for step in range(num_steps)"
MINIMIZE_ZERO_GRAD = (
    "set w.grad = 0.0 before each backward(): backward adds to .grad, so without the reset "
    "the gradients of all earlier steps pile up"
)

# -- batch norm, softmax, hyperparameter scales (C2W3 batchnorm_softmax) ----------------------

BN_AXIS = (
    "batch norm averages each unit (row) over the m examples of the batch: mean and variance "
    "over axis=1 with keepdims=True, one value per unit"
)
BN_DDOF = (
    "use the biased variance, the mean of (Z - mu) ** 2 over the m examples (divide by m, "
    "ddof=0), not by m - 1"
)
BN_EPS_OUTSIDE = "eps goes inside the square root: (Z - mu) / np.sqrt(var + eps)"
BN_MOMENTUM_SWAPPED = (
    "the old running value keeps the weight momentum: running = momentum * running + "
    "(1 - momentum) * batch statistic"
)
BN_RUNNING_IN_TEST = (
    "at test time (training=False) the running statistics are used, not updated: return "
    "copies of them unchanged"
)
BN_TEST_BATCH_STATS = (
    "at test time (training=False) normalise with running['mean'] and running['var'], not "
    "with the statistics of this batch"
)
BN_BACKWARD_CONSTANT_STATS = (
    "mu and var depend on every z in the batch: dZ has the two extra terms, "
    "dZ = inv_std / m * (m * g - sum(g) - Z_norm * sum(g * Z_norm)) with g = gamma * dZ_tilde, "
    "not just g * inv_std"
)
SOFTMAX_OVERFLOW = (
    "subtract each column's maximum before np.exp (Z - Z.max(axis=0, keepdims=True)): it "
    "cancels in the ratio, but without it exp overflows to inf and inf / inf is NaN"
)
SOFTMAX_GLOBAL_MAX = (
    "subtract each COLUMN's maximum, Z.max(axis=0, keepdims=True), not the maximum of the "
    "whole array: a column far below the others underflows to 0 / 0"
)
ONE_HOT_SHAPE = "one_hot returns shape (C, m): one row per class, one column per example"
ONE_HOT_EXTRA_ROW = "labels run from 0 to C - 1, so the result has exactly C rows, not C + 1"
SOFTMAX_COST_MEAN_ALL = (
    "sum over the C classes and divide by m only: np.mean over the whole (C, m) array also "
    "divides by C"
)
SOFTMAX_COST_BINARY = (
    "the softmax cost has one term, -(1/m) * sum(Y * log(AL)); the (1 - Y) * log(1 - AL) term "
    "belongs to the binary cost"
)
SOFTMAX_BACKWARD_DIAGONAL = (
    "each softmax output depends on every score of its column: dZ = S * (dA - sum(S * dA, "
    "axis=0, keepdims=True)), not dA * S * (1 - S)"
)
SOFTMAX_BACKWARD_NO_MEAN = (
    "softmax_backward is one step of the chain rule for each example: no 1/m here (the 1/m "
    "of the cost is applied once, in dW)"
)
LOG_UNIFORM_VALUE = (
    "draw the EXPONENT uniformly, r = log10(low) + (log10(high) - log10(low)) * rng.random(), "
    "and return 10 ** r; a uniform draw of the value itself lands in the top decade 90% of "
    "the time"
)
LOG_BASE_MIXED = (
    "use base 10 on both sides: np.log10 for the ends of the range and 10 ** r for the value "
    "(np.log with 10 ** r, or np.log10 with np.exp, leaves the range)"
)
LOG_FROM_HIGH = (
    "map the draw from the low end: r = log10(low) + (log10(high) - log10(low)) * u, so "
    "u = 0 gives low"
)
BETA_LOG_OF_BETA = (
    "sample 1 - beta on the log scale, not beta: 1 - beta is log-uniform in [1 - high, 1 - low], "
    "so beta = 1 - sample_log_uniform(1 - high, 1 - low, rng=rng)"
)
BETA_ONE_MINUS = "that is 1 - beta: return beta = 1 - 10 ** r"
ZOOM_ON_SCALE = (
    "zoom on the sampling scale: for 'log' shrink [log10(low), log10(high)] around "
    "log10(best), for 'beta' [log10(1 - high), log10(1 - low)], then map back"
)
ZOOM_WIDTH = (
    "the new range has width zoom * w on the sampling scale in total: zoom * w / 2 on each side "
    "of the best point"
)
ZOOM_SHIFT = (
    "when the window sticks out of the old range, shift it back inside keeping its width "
    "zoom * w; clipping it makes it narrower"
)

# -- C2W1 regularization: splits, diagnosis, L2/L1, dropout, normalization, early stopping ---

SPLIT_NO_SHUFFLE = (
    "shuffle before cutting: perm = rng.permutation(m), then take the columns X[:, perm] and "
    "Y[:, perm]"
)
SPLIT_FLOOR = (
    "round the sizes: n_train = round(f_train * m) and n_dev = round(f_dev * m) (int() cuts "
    "3.5 down to 3)"
)
SPLIT_TWO_PERMUTATIONS = (
    "draw ONE permutation and use it for both X and Y, so that every example keeps its label"
)
DIAGNOSE_VARIANCE_FROM_ZERO = (
    "variance is the gap between dev and train error, dev_error - train_error, not the dev "
    "error itself"
)
DIAGNOSE_NO_BAYES = "avoidable bias is measured from the Bayes error: train_error - bayes_error"
DIAGNOSE_BOUNDARY = (
    "a gap counts as high only when it is strictly greater than 5 points (0.05): a gap of "
    "exactly 0.05 is not high"
)
L2_COST_NO_M = "the L2 penalty is (lambd / (2 * m)) * sum of squared weights: divide by m"
L2_COST_NO_HALF = "the L2 penalty has the factor lambd / (2 * m), with the 2: not lambd / m"
L2_COST_BIASES = "penalise the weights W1, W2, W3 only, not the biases"
L2_COST_NO_CROSS_ENTROPY = "add the penalty to the cross-entropy cost compute_cost(A3, Y)"
L2_COST_ABS = "the L2 penalty squares the weights (np.sum(np.square(W))), not their absolute values"
L1_COST_SQUARES = (
    "the L1 penalty sums absolute values, np.sum(np.abs(W)); squares are the L2 penalty"
)
L1_COST_FACTOR = "this notebook's L1 penalty uses the same factor as L2: lambd / (2 * m)"
L1_COST_NO_ABS = "take the absolute value of each weight before summing: np.sum(np.abs(W))"
L2_GRAD_NO_DECAY = (
    "add the penalty's derivative to each weight gradient: dW = (1/m) dZ @ A_prev.T + "
    "(lambd / m) * W"
)
L2_GRAD_NO_M = "the weight-decay term is (lambd / m) * W: divide by m"
L2_GRAD_HALF = (
    "the derivative of (lambd / (2m)) * W**2 is (lambd / m) * W: the 2 of the square cancels "
    "the 1/2"
)
L2_GRAD_BIASES = "the biases are not penalised: db gets no lambd term"
DROPOUT_NOT_INVERTED = (
    "inverted dropout divides the kept activations by keep_prob: A = A * D / keep_prob"
)
DROPOUT_MASK_FLIPPED = (
    "keep a unit when rng.random(A.shape) < keep_prob (with > you keep 1 - keep_prob of them)"
)
DROPOUT_BINOMIAL = (
    "draw the mask as rng.random(A.shape) < keep_prob, as the notebook says, not with rng.binomial"
)
DROPOUT_OUTPUT_LAYER = "drop out the hidden layers only: the output layer A3 has no mask"
DROPOUT_OWN_RNG = (
    "draw the masks from the rng argument; do not make a generator of your own inside the function"
)
DROPOUT_BACKWARD_NOT_SCALED = (
    "after the mask, divide by keep_prob in the backward pass too: dA = dA * D / keep_prob"
)
DROPOUT_BACKWARD_NO_MASK = (
    "apply each layer's mask from the cache to its gradient: dA2 = dA2 * D2 / keep_prob, "
    "dA1 = dA1 * D1 / keep_prob"
)
DROPOUT_BACKWARD_TIMES_P = "divide by keep_prob (as in the forward pass), do not multiply"
NORMALIZE_TEST_OWN_STATISTICS = (
    "normalise the test set with the TRAINING set's mean and standard deviation, not its own"
)
NORMALIZE_BY_VARIANCE = "divide by the standard deviation sigma, not by the variance sigma**2"
NORMALIZE_DDOF = "use the population standard deviation (np.std's default ddof=0), not ddof=1"
NORMALIZE_NOT_SCALED = (
    "after subtracting the mean, divide by the standard deviation of each feature"
)
NORMALIZE_PER_EXAMPLE = (
    "the statistics are per feature (row): mean and std over the examples, axis=1, keepdims=True"
)
EARLY_STOP_STOP_EPOCH = (
    "return the BEST epoch (the weights early stopping keeps), not the epoch where training "
    "stopped (best + patience)"
)
EARLY_STOP_TIES = "only a strictly lower cost is an improvement: on a tie keep the earlier epoch"
EARLY_STOP_NO_PATIENCE = (
    "stop after `patience` epochs without improvement: a lower cost that comes after the "
    "stop is never seen"
)
EARLY_STOP_COUNT = (
    "stop as soon as `patience` consecutive epochs have not improved (count them from 1 after "
    "the best epoch)"
)
EARLY_STOP_ONE_BASED = "epochs are 0-based indices into dev_costs: the first epoch is 0"

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
