"""The public API: every function CURRICULUM.md names exists, with a docstring."""

from __future__ import annotations

import importlib
import inspect

import pytest

import dlutils

# Every graded function of the programming assignments, with the module that is its reference.
CURRICULUM = {
    "numpy_basics": ["basic_sigmoid", "sigmoid", "sigmoid_derivative", "image2vector",
                     "normalize_rows", "softmax", "L1", "L2", "column_percentages",
                     "computation_graph"],
    "logistic": ["sigmoid", "initialize_with_zeros", "propagate", "optimize", "predict", "model"],
    "shallow": ["layer_sizes", "initialize_parameters", "forward_propagation", "compute_cost",
                "backward_propagation", "update_parameters", "nn_model", "predict"],
    "initialization": ["initialize_parameters", "initialize_parameters_deep",
                       "initialize_parameters_zeros", "initialize_parameters_random",
                       "initialize_parameters_he", "initialize_parameters_xavier"],
    "layers": ["linear_forward", "linear_activation_forward", "L_model_forward",
               "linear_backward", "linear_activation_backward", "L_model_backward",
               "update_parameters"],
    "losses": ["compute_cost"],
    "models": ["two_layer_model", "L_layer_model"],
    "model_selection": ["split_train_dev_test", "diagnose_fit", "normalize_inputs",
                        "early_stopping_epoch"],
    "regularization": ["compute_cost_with_regularization",
                       "backward_propagation_with_regularization",
                       "compute_cost_with_l1_regularization", "forward_propagation_with_dropout",
                       "backward_propagation_with_dropout"],
    "gradient_checking": ["forward_propagation", "backward_propagation", "gradient_check",
                          "gradient_check_n"],
    "optimizers": ["update_parameters_with_gd", "exponentially_weighted_average",
                   "initialize_velocity", "update_parameters_with_momentum",
                   "initialize_rmsprop", "update_parameters_with_rmsprop", "initialize_adam",
                   "update_parameters_with_adam", "update_lr", "schedule_lr_decay",
                   "exponential_lr_decay", "inverse_sqrt_lr_decay"],
    "batching": ["random_mini_batches"],
    "batchnorm": ["batchnorm_forward", "batchnorm_backward"],
    "softmax_regression": ["softmax", "one_hot", "compute_softmax_cost", "softmax_backward",
                           "softmax_cross_entropy_backward", "softmax_model"],
    "hyperparams": ["sample_log_uniform", "sample_beta", "random_search"],
    "autodiff": ["add_backward", "mul_backward", "pow_backward", "exp_backward", "log_backward",
                 "topological_order", "gradients_of_expression", "minimize",
                 "minimize_polynomial", "logistic_cost_gradients"],
}  # fmt: skip

CASES = [(module, name) for module, names in CURRICULUM.items() for name in names]


@pytest.mark.parametrize(("module", "name"), CASES, ids=[f"{m}.{n}" for m, n in CASES])
def test_every_curriculum_function_exists_with_a_docstring(module, name):
    function = getattr(importlib.import_module(f"dlutils.{module}"), name)
    assert callable(function)
    doc = inspect.getdoc(function) or ""
    assert len(doc) > 40, f"dlutils.{module}.{name} needs a docstring with shapes"


def test_top_level_exports_resolve_and_assignment_modules_load_lazily():
    for name in dlutils.__all__:
        assert callable(getattr(dlutils, name)), name
    assert dlutils.shallow.forward_propagation is not dlutils.gradient_checking.forward_propagation
    assert dlutils.softmax is dlutils.activations.softmax
