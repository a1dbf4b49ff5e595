"""dlutils: the reference implementation of every function the course teaches and grades.

Modules are cut by topic, one name per concept: ``activations``, ``layers``, ``losses``,
``initialization``, ``regularization``, ``optimizers``, ``batching``, ``batchnorm``,
``gradcheck`` (numerical gradients, the one centred difference), ``model_selection``,
``hyperparams``, ``evaluation``, and ``training`` (the general trainer). The top level
re-exports their building blocks. Assignment-shaped functions are built on the topics and stay
in their assignment's module, where two assignments use one name for different functions:

================================  ===================================================
module                            assignment and its own versions of shared names
================================  ===================================================
``dlutils.numpy_basics``          C1W2_numpy_basics (row-wise ``softmax``, ...)
``dlutils.logistic``              C1W2_logistic_regression (``predict``, ``model``)
``dlutils.shallow``               C1W3_planar_classification (``forward_propagation``, ...)
``dlutils.models``                C1W4_deep_nn_application (``two_layer_model``, ...)
``dlutils.regularization``        C2W1_regularization (3-layer net, L2, dropout, ``model``)
``dlutils.gradient_checking``     C2W1_gradient_checking (1-D and n-D checks, on ``gradcheck``)
``dlutils.gradcheck_net``         C2W1_gradient_checking's given code (vector helpers, 3-layer net)
``dlutils.softmax_regression``    C2W3_batchnorm_softmax (``one_hot``, ``softmax_model``)
``dlutils.autodiff``              C2W3_frameworks (``Value``, the local rules, ``minimize``)
================================  ===================================================

Training loops are the composition of the public blocks (forward, cost, backward, update);
:mod:`dlutils._fastpath` runs the forward and backward pass of that composition with less work,
and ``tests/dlutils/test_fastpath.py`` proves the numbers equal.

``dlutils.datasets`` and ``dlutils.plotting`` are imported on first use (``dlutils.plotting``
loads matplotlib), so ``import dlutils`` stays fast.
"""

from __future__ import annotations

import importlib

from dlutils.activations import (
    leaky_relu,
    leaky_relu_backward,
    relu,
    relu_backward,
    sigmoid,
    sigmoid_backward,
    softmax,
    softmax_backward,
    tanh,
    tanh_backward,
)
from dlutils.batching import random_mini_batches
from dlutils.batchnorm import batchnorm_backward, batchnorm_forward, initialize_running
from dlutils.evaluation import accuracy, predict
from dlutils.gradcheck import (
    dictionary_to_vector,
    gradients_to_vector,
    numerical_gradient,
    numerical_gradient_dict,
    relative_difference,
    vector_to_dictionary,
)
from dlutils.hyperparams import random_search, sample_beta, sample_log_uniform
from dlutils.initialization import (
    initialize_parameters,
    initialize_parameters_deep,
    initialize_parameters_he,
    initialize_parameters_random,
    initialize_parameters_xavier,
    initialize_parameters_zeros,
)
from dlutils.layers import (
    L_model_backward,
    L_model_forward,
    linear_activation_backward,
    linear_activation_forward,
    linear_backward,
    linear_forward,
    update_parameters,
)
from dlutils.losses import (
    binary_cross_entropy_backward,
    compute_cost,
    compute_softmax_cost,
    softmax_cross_entropy_backward,
)
from dlutils.model_selection import (
    diagnose_fit,
    early_stopping_epoch,
    normalize_inputs,
    split_train_dev_test,
)
from dlutils.models import L_layer_model, two_layer_model
from dlutils.optimizers import (
    Adam,
    GradientDescent,
    Momentum,
    RMSprop,
    exponential_lr_decay,
    exponentially_weighted_average,
    initialize_adam,
    initialize_rmsprop,
    initialize_velocity,
    inverse_sqrt_lr_decay,
    make_optimizer,
    schedule_lr_decay,
    update_lr,
    update_parameters_with_adam,
    update_parameters_with_gd,
    update_parameters_with_momentum,
    update_parameters_with_rmsprop,
)
from dlutils.training import train

_LAZY_MODULES = {
    "datasets",
    "plotting",
    "numpy_basics",
    "logistic",
    "shallow",
    "regularization",
    "gradient_checking",
    "softmax_regression",
}

__all__ = [
    "Adam",
    "GradientDescent",
    "L_layer_model",
    "L_model_backward",
    "L_model_forward",
    "Momentum",
    "RMSprop",
    "accuracy",
    "batchnorm_backward",
    "batchnorm_forward",
    "binary_cross_entropy_backward",
    "compute_cost",
    "compute_softmax_cost",
    "diagnose_fit",
    "dictionary_to_vector",
    "early_stopping_epoch",
    "exponential_lr_decay",
    "exponentially_weighted_average",
    "gradients_to_vector",
    "initialize_adam",
    "initialize_parameters",
    "initialize_parameters_deep",
    "initialize_parameters_he",
    "initialize_parameters_random",
    "initialize_parameters_xavier",
    "initialize_parameters_zeros",
    "initialize_rmsprop",
    "initialize_running",
    "initialize_velocity",
    "inverse_sqrt_lr_decay",
    "leaky_relu",
    "leaky_relu_backward",
    "linear_activation_backward",
    "linear_activation_forward",
    "linear_backward",
    "linear_forward",
    "make_optimizer",
    "normalize_inputs",
    "numerical_gradient",
    "numerical_gradient_dict",
    "predict",
    "random_mini_batches",
    "random_search",
    "relative_difference",
    "relu",
    "relu_backward",
    "sample_beta",
    "sample_log_uniform",
    "schedule_lr_decay",
    "sigmoid",
    "sigmoid_backward",
    "softmax",
    "softmax_backward",
    "softmax_cross_entropy_backward",
    "split_train_dev_test",
    "tanh",
    "tanh_backward",
    "train",
    "two_layer_model",
    "update_lr",
    "update_parameters",
    "update_parameters_with_adam",
    "update_parameters_with_gd",
    "update_parameters_with_momentum",
    "update_parameters_with_rmsprop",
    "vector_to_dictionary",
]


def __getattr__(name: str):
    if name in _LAZY_MODULES:
        module = importlib.import_module(f"dlutils.{name}")
        globals()[name] = module
        return module
    raise AttributeError(f"module 'dlutils' has no attribute {name!r}")
