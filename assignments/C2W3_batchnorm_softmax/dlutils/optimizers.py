"""Update rules for gradient descent and its variants, plus learning-rate schedules.

Every rule is a pure function: it returns NEW dicts and never changes ``parameters``,
``grads`` or the optimizer state it is given. The rules apply to every array in
``parameters`` (``"W1", "b1", ..., "WL", "bL"``, and any other trainable array such as a
batch-norm ``"gamma1"``), each with the gradient ``grads["d" + key]``; other entries of
``grads`` (for example ``"dA0"``) are ignored. State dicts (velocity ``v``, squared-gradient
average ``s``) use the gradient keys ``"dW1", "db1", ...``, as in the classic assignment.

Float32 parameters stay float32: hyperparameters are converted to Python floats, which numpy
treats as "weak" scalars that never upcast an array. (Mixed inputs, say float32 parameters with a
float64 state, give results in the common dtype, as the textbook expressions would.)

Each rule is written once, as the public function the course asks the learner to write
(``update_parameters_with_gd``, ``..._momentum``, ``..._rmsprop``, ``..._adam``), in the
textbook's expressions, the way CS231n's ``optim.py`` writes one function per rule.

The four optimizers also share one object interface (``GradientDescent``, ``Momentum``,
``RMSprop``, ``Adam``, built by name with :func:`make_optimizer`): ``state = opt.init(parameters)``
and ``parameters, state = opt.step(parameters, grads, state, learning_rate=None)``. ``step`` only
calls the rule's function; it holds no maths of its own.

Introduced in: C2W2_optimization.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields
from typing import Any, ClassVar

import numpy as np

__all__ = [
    "update_parameters_with_gd",
    "initialize_velocity",
    "update_parameters_with_momentum",
    "initialize_rmsprop",
    "update_parameters_with_rmsprop",
    "initialize_adam",
    "update_parameters_with_adam",
    "exponentially_weighted_average",
    "update_lr",
    "schedule_lr_decay",
    "exponential_lr_decay",
    "inverse_sqrt_lr_decay",
    "GradientDescent",
    "Momentum",
    "RMSprop",
    "Adam",
    "make_optimizer",
]

Params = dict[str, np.ndarray]


def _grad(grads: Mapping[str, np.ndarray], key: str) -> np.ndarray:
    """Return ``grads["d" + key]`` or raise a KeyError that names the missing gradient."""
    try:
        return grads["d" + key]
    except KeyError:
        raise KeyError(f"grads has no 'd{key}' for parameter {key!r}") from None


def _zeros_like_grads(parameters: Mapping[str, np.ndarray]) -> Params:
    """``{"d" + key: zeros shaped and typed like parameters[key]}`` for every parameter."""
    return {"d" + key: np.zeros_like(value) for key, value in parameters.items()}


# --------------------------------------------------------------------------------------------
# Plain gradient descent
# --------------------------------------------------------------------------------------------


def update_parameters_with_gd(
    parameters: Mapping[str, np.ndarray],
    grads: Mapping[str, np.ndarray],
    learning_rate: float,
) -> Params:
    """One step of (batch, mini-batch or stochastic) gradient descent.

    Parameters
    ----------
    parameters : dict of str -> ndarray
        ``W[l]`` of shape ``(n[l], n[l-1])`` and ``b[l]`` of shape ``(n[l], 1)``.
    grads : dict of str -> ndarray
        ``dW[l]`` and ``db[l]`` shaped like the parameters they belong to.
    learning_rate : float
        The step size alpha.

    Returns
    -------
    parameters : dict of str -> ndarray
        A new dict of new arrays, same keys and shapes.

    Notes
    -----
    .. math::
        W^{[l]} := W^{[l]} - \\alpha\\, dW^{[l]}, \\qquad b^{[l]} := b^{[l]} - \\alpha\\, db^{[l]}
    """
    learning_rate = float(learning_rate)
    new_parameters = {}
    for key, W in parameters.items():
        new_parameters[key] = W - learning_rate * _grad(grads, key)
    return new_parameters


# --------------------------------------------------------------------------------------------
# Momentum
# --------------------------------------------------------------------------------------------


def initialize_velocity(parameters: Mapping[str, np.ndarray]) -> Params:
    """Zero velocity for gradient descent with momentum.

    Parameters
    ----------
    parameters : dict of str -> ndarray
        ``"W1", "b1", ..., "WL", "bL"``.

    Returns
    -------
    v : dict of str -> ndarray
        ``{"dW1": zeros like W1, "db1": zeros like b1, ...}`` (same shapes and dtypes).
    """
    return _zeros_like_grads(parameters)


def update_parameters_with_momentum(
    parameters: Mapping[str, np.ndarray],
    grads: Mapping[str, np.ndarray],
    v: Mapping[str, np.ndarray],
    beta: float,
    learning_rate: float,
) -> tuple[Params, Params]:
    """One step of gradient descent with momentum.

    Parameters
    ----------
    parameters, grads : dict of str -> ndarray
        ``W[l]`` (n[l], n[l-1]), ``b[l]`` (n[l], 1) and ``dW[l]``, ``db[l]`` shaped like them.
    v : dict of str -> ndarray
        The velocity from the previous step, keys ``"dW1", "db1", ...``.
    beta : float
        The momentum coefficient (0.9 is the usual choice; 0 gives plain gradient descent).
    learning_rate : float
        The step size alpha.

    Returns
    -------
    parameters, v : dict of str -> ndarray
        New parameters and new velocity.

    Notes
    -----
    .. math::
        v_{dW^{[l]}} := \\beta\\, v_{dW^{[l]}} + (1 - \\beta)\\, dW^{[l]}, \\qquad
        W^{[l]} := W^{[l]} - \\alpha\\, v_{dW^{[l]}}

    and the same for ``b``. There is no bias correction, as in the course.
    """
    beta, learning_rate = float(beta), float(learning_rate)
    new_parameters, new_v = {}, {}
    for key, W in parameters.items():
        dW = _grad(grads, key)
        new_v["d" + key] = beta * v["d" + key] + (1.0 - beta) * dW
        new_parameters[key] = W - learning_rate * new_v["d" + key]
    return new_parameters, new_v


# --------------------------------------------------------------------------------------------
# RMSprop
# --------------------------------------------------------------------------------------------


def initialize_rmsprop(parameters: Mapping[str, np.ndarray]) -> Params:
    """Zero running average of squared gradients for RMSprop.

    Parameters
    ----------
    parameters : dict of str -> ndarray

    Returns
    -------
    s : dict of str -> ndarray
        ``{"dW1": zeros like W1, "db1": zeros like b1, ...}``.
    """
    return _zeros_like_grads(parameters)


def update_parameters_with_rmsprop(
    parameters: Mapping[str, np.ndarray],
    grads: Mapping[str, np.ndarray],
    s: Mapping[str, np.ndarray],
    beta: float = 0.999,
    learning_rate: float = 0.01,
    epsilon: float = 1e-8,
) -> tuple[Params, Params]:
    """One step of RMSprop.

    Parameters
    ----------
    parameters, grads : dict of str -> ndarray
        ``W[l]`` (n[l], n[l-1]), ``b[l]`` (n[l], 1) and ``dW[l]``, ``db[l]`` shaped like them.
    s : dict of str -> ndarray
        Running average of squared gradients, keys ``"dW1", "db1", ...``.
    beta : float
        Decay of the running average.
    learning_rate : float
        The step size alpha.
    epsilon : float
        Added to the root, outside it, to avoid division by zero.

    Returns
    -------
    parameters, s : dict of str -> ndarray
        New parameters and new running average.

    Notes
    -----
    .. math::
        s_{dW} := \\beta\\, s_{dW} + (1 - \\beta)\\, dW^2, \\qquad
        W := W - \\alpha\\, \\frac{dW}{\\sqrt{s_{dW}} + \\varepsilon}

    (element-wise square and root; no bias correction).
    """
    beta, learning_rate, epsilon = float(beta), float(learning_rate), float(epsilon)
    new_parameters, new_s = {}, {}
    for key, W in parameters.items():
        dW = _grad(grads, key)
        new_s["d" + key] = beta * s["d" + key] + (1.0 - beta) * dW**2
        new_parameters[key] = W - learning_rate * dW / (np.sqrt(new_s["d" + key]) + epsilon)
    return new_parameters, new_s


# --------------------------------------------------------------------------------------------
# Adam
# --------------------------------------------------------------------------------------------


def initialize_adam(parameters: Mapping[str, np.ndarray]) -> tuple[Params, Params]:
    """Zero first and second moment estimates for Adam.

    Parameters
    ----------
    parameters : dict of str -> ndarray

    Returns
    -------
    v : dict of str -> ndarray
        First moments, ``{"dW1": zeros like W1, "db1": zeros like b1, ...}``.
    s : dict of str -> ndarray
        Second moments, same keys. ``v`` and ``s`` are distinct arrays.
    """
    return _zeros_like_grads(parameters), _zeros_like_grads(parameters)


def update_parameters_with_adam(
    parameters: Mapping[str, np.ndarray],
    grads: Mapping[str, np.ndarray],
    v: Mapping[str, np.ndarray],
    s: Mapping[str, np.ndarray],
    t: int,
    learning_rate: float = 0.01,
    beta1: float = 0.9,
    beta2: float = 0.999,
    epsilon: float = 1e-8,
) -> tuple[Params, Params, Params, Params, Params]:
    """One step of Adam, with bias correction and epsilon outside the square root.

    Parameters
    ----------
    parameters, grads : dict of str -> ndarray
        ``W[l]`` (n[l], n[l-1]), ``b[l]`` (n[l], 1) and ``dW[l]``, ``db[l]`` shaped like them.
    v : dict of str -> ndarray
        First-moment estimates from the previous step (keys ``"dW1", "db1", ...``).
    s : dict of str -> ndarray
        Second-moment estimates from the previous step.
    t : int
        The number of Adam updates taken so far INCLUDING this one (1 on the first update).
        Counts updates (mini-batches), not epochs. Must be at least 1.
    learning_rate : float
        The step size alpha.
    beta1, beta2 : float
        Decay rates of the first and second moment estimates.
    epsilon : float
        Added to the root of the corrected second moment, outside it.

    Returns
    -------
    parameters : dict of str -> ndarray
        New parameters.
    v, s : dict of str -> ndarray
        New (uncorrected) moment estimates; pass them to the next step.
    v_corrected, s_corrected : dict of str -> ndarray
        The bias-corrected moments used in this step.

    Raises
    ------
    ValueError
        If ``t < 1`` (the correction divides by ``1 - beta**t``, which is 0 at ``t = 0``).

    Notes
    -----
    .. math::
        v_{dW} &:= \\beta_1 v_{dW} + (1 - \\beta_1)\\, dW, &
        v^{corrected}_{dW} &= \\frac{v_{dW}}{1 - \\beta_1^t} \\\\
        s_{dW} &:= \\beta_2 s_{dW} + (1 - \\beta_2)\\, dW^2, &
        s^{corrected}_{dW} &= \\frac{s_{dW}}{1 - \\beta_2^t} \\\\
        W &:= W - \\alpha\\, \\frac{v^{corrected}_{dW}}{\\sqrt{s^{corrected}_{dW}} + \\varepsilon}
    """
    if t < 1:
        raise ValueError(f"t counts Adam updates and starts at 1; got t={t}")
    learning_rate, epsilon = float(learning_rate), float(epsilon)
    beta1, beta2 = float(beta1), float(beta2)
    new_parameters: Params = {}
    new_v: Params = {}
    new_s: Params = {}
    v_corrected: Params = {}
    s_corrected: Params = {}
    for key, W in parameters.items():
        dW, g = _grad(grads, key), "d" + key
        new_v[g] = beta1 * v[g] + (1.0 - beta1) * dW
        v_corrected[g] = new_v[g] / (1.0 - beta1**t)
        new_s[g] = beta2 * s[g] + (1.0 - beta2) * dW**2
        s_corrected[g] = new_s[g] / (1.0 - beta2**t)
        new_parameters[key] = W - learning_rate * v_corrected[g] / (
            np.sqrt(s_corrected[g]) + epsilon
        )
    return new_parameters, new_v, new_s, v_corrected, s_corrected


# --------------------------------------------------------------------------------------------
# Exponentially weighted averages
# --------------------------------------------------------------------------------------------


def exponentially_weighted_average(
    values: Sequence[float] | np.ndarray, beta: float, bias_correction: bool = True
) -> np.ndarray:
    """Exponentially weighted (moving) average of a sequence, optionally bias-corrected.

    Parameters
    ----------
    values : array_like, shape (T,) or (T, ...)
        ``theta_1, ..., theta_T``; time runs along the first axis.
    beta : float
        Weight of the past, in ``[0, 1)``. The average covers roughly ``1 / (1 - beta)`` values.
    bias_correction : bool
        Divide ``v_t`` by ``1 - beta**t`` so the early averages are not pulled towards 0.

    Returns
    -------
    averages : ndarray, shape like ``values``, float64
        ``v_1, ..., v_T`` (or the corrected values).

    Raises
    ------
    ValueError
        If ``values`` is a scalar or ``beta`` is outside ``[0, 1)``.

    Notes
    -----
    .. math::
        v_0 = 0, \\qquad v_t = \\beta v_{t-1} + (1 - \\beta)\\, \\theta_t, \\qquad
        v_t^{corrected} = \\frac{v_t}{1 - \\beta^t}

    With ``beta = 0`` the average is the sequence itself.
    """
    theta = np.asarray(values, dtype=np.float64)
    if theta.ndim == 0:
        raise ValueError("values must be a sequence (time along the first axis), not a scalar")
    beta = float(beta)
    if not 0.0 <= beta < 1.0:
        raise ValueError(f"beta must be in [0, 1); got {beta}")
    averages = np.empty_like(theta)
    v = np.zeros_like(theta[0])
    for t in range(theta.shape[0]):
        v = beta * v + (1.0 - beta) * theta[t]
        averages[t] = v / (1.0 - beta ** (t + 1)) if bias_correction else v
    return averages


# --------------------------------------------------------------------------------------------
# Learning-rate decay
# --------------------------------------------------------------------------------------------


def update_lr(learning_rate0: float, epoch_num: int, decay_rate: float) -> float:
    """Inverse-time decay: the rate after ``epoch_num`` epochs.

    Returns
    -------
    learning_rate : float

    Notes
    -----
    .. math:: \\alpha = \\frac{\\alpha_0}{1 + \\text{decay\\_rate} \\cdot \\text{epoch\\_num}}
    """
    return float(learning_rate0) / (1.0 + float(decay_rate) * epoch_num)


def schedule_lr_decay(
    learning_rate0: float, epoch_num: int, decay_rate: float, time_interval: int = 1000
) -> float:
    """Inverse-time decay applied in steps: the rate only changes every ``time_interval`` epochs.

    Returns
    -------
    learning_rate : float

    Notes
    -----
    .. math::
        \\alpha = \\frac{\\alpha_0}{1 + \\text{decay\\_rate} \\cdot
        \\lfloor \\text{epoch\\_num} / \\text{time\\_interval} \\rfloor}
    """
    steps = math.floor(epoch_num / time_interval)
    return float(learning_rate0) / (1.0 + float(decay_rate) * steps)


def exponential_lr_decay(learning_rate0: float, epoch_num: int, base: float = 0.95) -> float:
    """Exponential decay.

    Returns
    -------
    learning_rate : float

    Notes
    -----
    .. math:: \\alpha = \\alpha_0 \\cdot \\text{base}^{\\text{epoch\\_num}}
    """
    return float(learning_rate0) * float(base) ** epoch_num


def inverse_sqrt_lr_decay(learning_rate0: float, step: int, k: float = 1.0) -> float:
    """Decay proportional to one over the square root of the step number.

    Parameters
    ----------
    learning_rate0 : float
        The initial rate alpha_0.
    step : int
        The step (or epoch) number, counted from 1: the formula is undefined at 0.
    k : float
        The constant in the numerator.

    Returns
    -------
    learning_rate : float

    Raises
    ------
    ValueError
        If ``step < 1``. To use it as ``train(decay=...)``, whose epochs count from 0, shift the
        count: ``decay=lambda lr0, epoch: inverse_sqrt_lr_decay(lr0, epoch + 1)``.

    Notes
    -----
    .. math:: \\alpha = \\frac{k}{\\sqrt{t}}\\, \\alpha_0, \\qquad t \\ge 1
    """
    if step < 1:
        raise ValueError(f"inverse_sqrt_lr_decay needs step >= 1 (counted from 1); got {step}")
    return float(learning_rate0) * float(k) / math.sqrt(step)


# --------------------------------------------------------------------------------------------
# One interface: optimizer objects
# --------------------------------------------------------------------------------------------


class _Optimizer:
    """The shared interface: ``state = opt.init(parameters)``, then ``parameters, state =
    opt.step(parameters, grads, state, learning_rate=None)``, pure like the rule it calls.
    ``learning_rate=None`` means the object's own ``learning_rate`` field."""

    learning_rate: float

    def init(self, parameters: Mapping[str, np.ndarray]) -> dict[str, Any]:
        return {}

    def step(
        self,
        parameters: Mapping[str, np.ndarray],
        grads: Mapping[str, np.ndarray],
        state: Mapping[str, Any],
        learning_rate: float | None = None,
    ) -> tuple[Params, dict[str, Any]]:
        rate = self.learning_rate if learning_rate is None else learning_rate
        return self._update(parameters, grads, state, float(rate))

    def _update(self, parameters, grads, state, learning_rate):
        raise NotImplementedError


@dataclass(frozen=True)
class GradientDescent(_Optimizer):
    """Plain (mini-batch) gradient descent, :func:`update_parameters_with_gd`; state ``{}``."""

    learning_rate: float = 0.01
    name: ClassVar[str] = "gd"

    def _update(self, parameters, grads, state, learning_rate):
        return update_parameters_with_gd(parameters, grads, learning_rate), {}


@dataclass(frozen=True)
class Momentum(_Optimizer):
    """Gradient descent with momentum, :func:`update_parameters_with_momentum`; state
    ``{"v": velocity}``."""

    learning_rate: float = 0.01
    beta: float = 0.9
    name: ClassVar[str] = "momentum"

    def init(self, parameters):
        return {"v": initialize_velocity(parameters)}

    def _update(self, parameters, grads, state, learning_rate):
        parameters, v = update_parameters_with_momentum(
            parameters, grads, state["v"], self.beta, learning_rate
        )
        return parameters, {"v": v}


@dataclass(frozen=True)
class RMSprop(_Optimizer):
    """RMSprop, :func:`update_parameters_with_rmsprop`; state ``{"s": squared gradients}``."""

    learning_rate: float = 0.01
    beta: float = 0.999
    epsilon: float = 1e-8
    name: ClassVar[str] = "rmsprop"

    def init(self, parameters):
        return {"s": initialize_rmsprop(parameters)}

    def _update(self, parameters, grads, state, learning_rate):
        parameters, s = update_parameters_with_rmsprop(
            parameters, grads, state["s"], self.beta, learning_rate, self.epsilon
        )
        return parameters, {"s": s}


@dataclass(frozen=True)
class Adam(_Optimizer):
    """Adam with bias correction, :func:`update_parameters_with_adam`.

    State: ``{"v": dict, "s": dict, "t": number of updates taken so far}``; ``init`` sets
    ``t = 0`` and every ``step`` uses and stores ``t + 1``.
    """

    learning_rate: float = 0.01
    beta1: float = 0.9
    beta2: float = 0.999
    epsilon: float = 1e-8
    name: ClassVar[str] = "adam"

    def init(self, parameters):
        v, s = initialize_adam(parameters)
        return {"v": v, "s": s, "t": 0}

    def _update(self, parameters, grads, state, learning_rate):
        t = state["t"] + 1
        parameters, v, s, _, _ = update_parameters_with_adam(
            parameters, grads, state["v"], state["s"], t, learning_rate, self.beta1, self.beta2,
            self.epsilon,
        )  # fmt: skip
        return parameters, {"v": v, "s": s, "t": t}


_OPTIMIZERS = {cls.name: cls for cls in (GradientDescent, Momentum, RMSprop, Adam)}


def make_optimizer(
    name: str, /, **hyperparameters: float
) -> GradientDescent | Momentum | RMSprop | Adam:
    """Build an optimizer object by name.

    Parameters
    ----------
    name : {"gd", "momentum", "rmsprop", "adam"}
        Case-insensitive.
    **hyperparameters
        Fields of the chosen class, for example ``learning_rate=0.01, beta1=0.9`` for Adam.

    Returns
    -------
    optimizer : GradientDescent, Momentum, RMSprop or Adam

    Raises
    ------
    ValueError
        For an unknown name, or a hyperparameter the chosen optimizer does not have.
    """
    key = str(name).lower()
    if key not in _OPTIMIZERS:
        raise ValueError(f"unknown optimizer {name!r}; choose one of {sorted(_OPTIMIZERS)}")
    cls = _OPTIMIZERS[key]
    allowed = {field.name for field in fields(cls)}
    unknown = sorted(set(hyperparameters) - allowed)
    if unknown:
        raise ValueError(
            f"optimizer {key!r} has no hyperparameter(s) {unknown}; it takes {sorted(allowed)}"
        )
    return cls(**hyperparameters)
