"""Benchmark: dlutils training loops against the same nets written by hand in PyTorch (CPU).

Prints figures; it is not a test. Rows (all on the shipped data sets):

- ``planar``: ``dlutils.shallow.nn_model`` (2-4-1, tanh/sigmoid, 10,000 full-batch steps, lr 1.2)
  on the 400-point flower of ``load_planar_dataset``; float64.
- ``L-layer``: ``dlutils.models.L_layer_model`` ([784, 20, 7, 5, 1], relu/sigmoid, 1,000
  full-batch steps, lr 0.0075) on ``load_binary_images`` flattened; float64.
- ``MLP``: ``dlutils.training.train`` ([784, 256, 128, 10], relu/softmax, mini-batch gradient
  descent, batch 128, lr 0.1, 10 epochs, He init) on ``load_mnist10`` flattened with one-hot
  labels; one float64 row and one float32 row.

The torch side of every row is written by hand (no autograd, under ``torch.inference_mode``), in
the SAME dtype as the dlutils side, from the same initial weights (drawn by the dlutils
initialisers from the same seed), on the same data, with the same mini-batch permutations (drawn
from the same ``numpy.random.Generator``), the same number of updates and the same cost
evaluations (nn_model: none; L_layer_model: every 100 iterations and the last; train: every
mini-batch). Like dlutils it never computes the unused gradient with respect to the inputs.
The "agree" column is the largest difference between the two final sets of weights, relative
to the largest weight: it shows that both sides trained the same net (about 1e-15 in float64;
in float32 anything from 1e-7 to about 1e-2, because a rounding difference that flips the sign
of a pre-activation near 0 switches that unit's ReLU gradient on or off, and SGD carries the
difference forward).

Method: the implementations are interleaved (dlutils, torch, dlutils, torch, ... with the
order swapped every repeat), each timed run is one whole training call (wall clock, after
``gc.collect()``), and each entry is the best of ``--repeats`` runs. Data loading, conversion to
tensors and warm-up happen outside the timer. While each run is timed, the CPU time used by
OTHER processes is measured from ``/proc/stat`` (minus this process's own CPU time): the load
note reports it, because on a shared 2-core machine torch's threads are hit much harder by
contention than numpy's single-threaded small matmuls.

Targets (from the issue): dlutils within 1.2x of torch on every row (ratio = dlutils / torch
<= 1.2), and faster than torch (ratio < 1) on the small net, where Python overhead dominates
(the planar net: about 22,000 matmul FLOPs per update).

    .venv/bin/python scripts/bench_dlutils.py [--repeats 3] [--quick] [--threads N] [--no-torch]

Install torch for the comparison (it is not a dependency of the course):
``.venv/bin/pip install torch==2.13.0`` (a CPU build).
"""

from __future__ import annotations

import argparse
import gc
import os
import platform
import resource
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from dlutils.datasets import (  # noqa: E402
    flatten_images,
    load_binary_images,
    load_mnist10,
    load_planar_dataset,
)
from dlutils.initialization import (  # noqa: E402
    initialize_parameters_he,
    initialize_parameters_xavier,
)
from dlutils.models import L_layer_model  # noqa: E402
from dlutils.shallow import initialize_parameters as initialize_shallow  # noqa: E402
from dlutils.shallow import nn_model  # noqa: E402
from dlutils.softmax_regression import one_hot  # noqa: E402
from dlutils.training import train  # noqa: E402

try:  # torch is optional: without it only the dlutils rows are printed
    import torch
except ImportError:  # pragma: no cover - depends on the environment
    torch = None

try:
    import threadpoolctl
except ImportError:  # pragma: no cover - depends on the environment
    threadpoolctl = None

SEED = 0
RATIO_LIMIT = 1.2  # every row: dlutils time <= 1.2 x torch time
BUSY = 0.15  # warn when other processes used more than this share of the CPUs

# --------------------------------------------------------------------------------------------
# Workload sizes
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Sizes:
    planar_iterations: int = 10_000
    planar_hidden: int = 4
    deep_dims: tuple[int, ...] = (784, 20, 7, 5, 1)
    deep_iterations: int = 1_000
    deep_learning_rate: float = 0.0075
    mlp_dims: tuple[int, ...] = (784, 256, 128, 10)
    mlp_epochs: int = 10
    mlp_batch: int = 128
    mlp_learning_rate: float = 0.1
    mlp_examples: int | None = None  # None: all 4,000 training images


FULL = Sizes()
QUICK = Sizes(
    planar_iterations=200,
    deep_iterations=10,
    mlp_epochs=1,
    mlp_examples=512,
)


# --------------------------------------------------------------------------------------------
# Machine load: other processes' CPU time while a run is timed
# --------------------------------------------------------------------------------------------


def _busy_seconds() -> float | None:
    """CPU seconds all processes have spent busy since boot (``/proc/stat``), or None."""
    try:
        with open("/proc/stat") as stat:
            fields = stat.readline().split()[1:]
    except OSError:
        return None
    ticks = [int(value) for value in fields]
    idle = ticks[3] + (ticks[4] if len(ticks) > 4 else 0)  # idle + iowait
    busy = sum(ticks[:8]) - idle  # user nice system idle iowait irq softirq steal
    return busy / os.sysconf("SC_CLK_TCK")


def _own_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


@dataclass
class Run:
    seconds: float
    others: float | None  # fraction of the machine (all CPUs) used by other processes


def timed(function: Callable[[], object]) -> tuple[Run, object]:
    """Run ``function()`` once; return its wall time, the others' CPU share and its result."""
    gc.collect()
    busy0, own0 = _busy_seconds(), _own_seconds()
    start = time.perf_counter()
    result = function()
    seconds = time.perf_counter() - start
    busy1, own1 = _busy_seconds(), _own_seconds()
    others = None
    if busy0 is not None and busy1 is not None and seconds > 0:
        foreign = max(0.0, (busy1 - busy0) - (own1 - own0))
        others = min(1.0, foreign / (seconds * (os.cpu_count() or 1)))
    return Run(seconds, others), result


# --------------------------------------------------------------------------------------------
# Data
# --------------------------------------------------------------------------------------------


def load_data(sizes: Sizes) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """The three training sets, X (n_x, m) float64 and Y (n_y, m) float64, examples as columns."""
    X_planar, Y_planar = load_planar_dataset()
    train_x_orig, train_y, *_ = load_binary_images()
    X_deep = flatten_images(train_x_orig)
    Y_deep = train_y.astype(np.float64)
    mnist_x_orig, mnist_y, *_ = load_mnist10()
    X_mlp = flatten_images(mnist_x_orig)
    Y_mlp = one_hot(mnist_y, sizes.mlp_dims[-1])
    return {"planar": (X_planar, Y_planar), "deep": (X_deep, Y_deep), "mlp": (X_mlp, Y_mlp)}


# --------------------------------------------------------------------------------------------
# The dlutils side: the real public training functions
# --------------------------------------------------------------------------------------------


def dlutils_planar(X, Y, sizes: Sizes):
    return nn_model(
        X, Y, sizes.planar_hidden, sizes.planar_iterations, rng=np.random.default_rng(SEED)
    )


def dlutils_deep(X, Y, sizes: Sizes):
    parameters, _ = L_layer_model(
        X,
        Y,
        list(sizes.deep_dims),
        learning_rate=sizes.deep_learning_rate,
        num_iterations=sizes.deep_iterations,
        rng=np.random.default_rng(SEED),
    )
    return parameters


def dlutils_mlp(X, Y, sizes: Sizes, dtype):
    parameters, _ = train(
        X,
        Y,
        list(sizes.mlp_dims),
        optimizer="gd",
        learning_rate=sizes.mlp_learning_rate,
        mini_batch_size=sizes.mlp_batch,
        num_epochs=sizes.mlp_epochs,
        output="softmax",
        initialization="he",
        dtype=dtype,
        rng=np.random.default_rng(SEED),
    )
    return parameters


# --------------------------------------------------------------------------------------------
# The torch side: the same nets by hand (no autograd), same init, data, order and dtype
# --------------------------------------------------------------------------------------------


def _to_torch(parameters: dict[str, np.ndarray], dtype) -> list:
    """[W1, b1, W2, b2, ...] as new torch tensors of ``dtype`` (numpy dtype)."""
    n_layers = len(parameters) // 2
    out = []
    for layer in range(1, n_layers + 1):
        for name in ("W", "b"):
            out.append(torch.from_numpy(parameters[f"{name}{layer}"].astype(dtype)))
    return out


def _to_numpy(tensors: list) -> dict[str, np.ndarray]:
    parameters = {}
    for index, tensor in enumerate(tensors):
        name = "W" if index % 2 == 0 else "b"
        parameters[f"{name}{index // 2 + 1}"] = tensor.numpy()
    return parameters


def torch_planar(X, Y, sizes: Sizes):
    """nn_model by hand: LINEAR -> TANH -> LINEAR -> SIGMOID, batch GD with lr 1.2, no cost."""
    rng = np.random.default_rng(SEED)
    n_x, n_y = X.shape[0], Y.shape[0]
    W1, b1, W2, b2 = _to_torch(
        initialize_shallow(n_x, sizes.planar_hidden, n_y, rng=rng), np.float64
    )
    lr, m = 1.2, X.shape[1]
    X_t = X.t()
    with torch.inference_mode():
        for _ in range(sizes.planar_iterations):
            A1 = torch.tanh(torch.addmm(b1, W1, X))
            A2 = torch.sigmoid(torch.addmm(b2, W2, A1))
            dZ2 = A2 - Y
            dW2 = torch.mm(dZ2, A1.t()).div_(m)
            db2 = dZ2.sum(1, keepdim=True).div_(m)
            dZ1 = torch.mm(W2.t(), dZ2).mul_(1 - A1 * A1)
            dW1 = torch.mm(dZ1, X_t).div_(m)
            db1 = dZ1.sum(1, keepdim=True).div_(m)
            W1.sub_(dW1, alpha=lr)
            b1.sub_(db1, alpha=lr)
            W2.sub_(dW2, alpha=lr)
            b2.sub_(db2, alpha=lr)
    return _to_numpy([W1, b1, W2, b2])


def _binary_cost(AL, Y, eps: float) -> float:
    A = AL.clamp(eps, 1 - eps)
    return float(-(Y * torch.log(A) + (1 - Y) * torch.log1p(-A)).sum()) / Y.shape[1]


def torch_deep(X, Y, sizes: Sizes):
    """L_layer_model by hand: [LINEAR -> RELU] * (L-1) -> LINEAR -> SIGMOID, batch GD."""
    rng = np.random.default_rng(SEED)
    tensors = _to_torch(initialize_parameters_xavier(list(sizes.deep_dims), rng=rng), np.float64)
    weights, biases = tensors[0::2], tensors[1::2]
    n_layers, m, lr = len(weights), X.shape[1], sizes.deep_learning_rate
    iterations = sizes.deep_iterations
    eps = float(np.finfo(np.float64).eps)
    costs = []
    with torch.inference_mode():
        for i in range(iterations):
            inputs, Zs = [X], []
            A = X
            for layer in range(n_layers):
                Z = torch.addmm(biases[layer], weights[layer], A)
                Zs.append(Z)
                A = torch.relu(Z) if layer < n_layers - 1 else torch.sigmoid(Z)
                inputs.append(A)
            AL = inputs.pop()
            if i % 100 == 0 or i == iterations - 1:
                costs.append(_binary_cost(AL, Y, eps))
            dZ = AL - Y
            for layer in range(n_layers - 1, -1, -1):
                dW = torch.mm(dZ, inputs[layer].t()).div_(m)
                db = dZ.sum(1, keepdim=True).div_(m)
                if layer > 0:  # no dA0, as in dlutils
                    dZ = torch.mm(weights[layer].t(), dZ).masked_fill_(Zs[layer - 1] <= 0, 0)
                weights[layer].sub_(dW, alpha=lr)
                biases[layer].sub_(db, alpha=lr)
    return _to_numpy(tensors)


def torch_mlp(X, Y, sizes: Sizes, dtype):
    """train(optimizer="gd", output="softmax") by hand: one permutation per epoch, cost per
    mini-batch, relu hidden layers, softmax output, in-place SGD steps."""
    rng = np.random.default_rng(SEED)
    tensors = _to_torch(initialize_parameters_he(list(sizes.mlp_dims), rng=rng), dtype)
    weights, biases = tensors[0::2], tensors[1::2]
    n_layers, m, lr = len(weights), X.shape[1], sizes.mlp_learning_rate
    size = sizes.mlp_batch
    eps = float(np.finfo(dtype).eps)
    costs = []
    with torch.inference_mode():
        for _ in range(sizes.mlp_epochs):
            permutation = torch.from_numpy(rng.permutation(m))
            X_s, Y_s = X.index_select(1, permutation), Y.index_select(1, permutation)
            cost_total = 0.0
            for k in range(0, m, size):
                X_b, Y_b = X_s[:, k : k + size], Y_s[:, k : k + size]
                m_b = X_b.shape[1]
                inputs, Zs = [X_b], []
                A = X_b
                for layer in range(n_layers):
                    Z = torch.addmm(biases[layer], weights[layer], A)
                    Zs.append(Z)
                    A = torch.relu(Z) if layer < n_layers - 1 else torch.softmax(Z, dim=0)
                    inputs.append(A)
                AL = inputs.pop()
                cost = -float((Y_b * torch.log(AL.clamp_min(eps))).sum()) / m_b
                cost_total += m_b * cost
                dZ = AL - Y_b
                for layer in range(n_layers - 1, -1, -1):
                    dW = torch.mm(dZ, inputs[layer].t()).div_(m_b)
                    db = dZ.sum(1, keepdim=True).div_(m_b)
                    if layer > 0:
                        dZ = torch.mm(weights[layer].t(), dZ).masked_fill_(Zs[layer - 1] <= 0, 0)
                    weights[layer].sub_(dW, alpha=lr)
                    biases[layer].sub_(db, alpha=lr)
            costs.append(cost_total / m)
    return _to_numpy(tensors)


# --------------------------------------------------------------------------------------------
# Rows, interleaving and the table
# --------------------------------------------------------------------------------------------


@dataclass
class Row:
    name: str
    dtype: str
    limit: float  # target: dlutils / torch below this
    target_text: str
    run_dlutils: Callable[[], dict]
    run_torch: Callable[[], dict] | None
    description: str
    dlutils_runs: list[Run] = field(default_factory=list)
    torch_runs: list[Run] = field(default_factory=list)
    agree: float | None = None

    def best(self, runs: list[Run]) -> Run | None:
        return min(runs, key=lambda run: run.seconds) if runs else None


def make_rows(sizes: Sizes, data, with_torch: bool) -> list[Row]:
    X_p, Y_p = data["planar"]
    X_d, Y_d = data["deep"]
    X_m, Y_m = data["mlp"]
    if sizes.mlp_examples is not None:
        X_m = np.ascontiguousarray(X_m[:, : sizes.mlp_examples])
        Y_m = np.ascontiguousarray(Y_m[:, : sizes.mlp_examples])
    mlp_dtypes = {
        "float64": np.float64,
        "float32": np.float32,
    }
    t = {}
    if with_torch:
        t["planar"] = (torch.from_numpy(X_p), torch.from_numpy(Y_p))
        t["deep"] = (torch.from_numpy(X_d), torch.from_numpy(Y_d))
        for label, dtype in mlp_dtypes.items():
            t[label] = (torch.from_numpy(X_m.astype(dtype)), torch.from_numpy(Y_m.astype(dtype)))

    updates = -(-X_m.shape[1] // sizes.mlp_batch) * sizes.mlp_epochs
    rows = [
        Row(
            "planar 2-4-1",
            "float64",
            1.0,
            "< 1.00",
            lambda: dlutils_planar(X_p, Y_p, sizes),
            (lambda: torch_planar(*t["planar"], sizes)) if with_torch else None,
            f"shallow.nn_model, n_h={sizes.planar_hidden}, {sizes.planar_iterations} "
            f"iterations on the {X_p.shape[1]}-point flower",
        ),
        Row(
            "L-layer " + "-".join(map(str, sizes.deep_dims)),
            "float64",
            RATIO_LIMIT,
            f"<= {RATIO_LIMIT:.2f}",
            lambda: dlutils_deep(X_d, Y_d, sizes),
            (lambda: torch_deep(*t["deep"], sizes)) if with_torch else None,
            f"models.L_layer_model, {sizes.deep_iterations} iterations, lr "
            f"{sizes.deep_learning_rate}, on {X_d.shape[1]} binary images (784 pixels)",
        ),
    ]
    for label, dtype in mlp_dtypes.items():
        X_cast, Y_cast = X_m.astype(dtype), Y_m.astype(dtype)  # cast outside the timer
        rows.append(
            Row(
                "MLP " + "-".join(map(str, sizes.mlp_dims)),
                label,
                RATIO_LIMIT,
                f"<= {RATIO_LIMIT:.2f}",
                lambda X=X_cast, Y=Y_cast, dtype=dtype: dlutils_mlp(X, Y, sizes, dtype),
                (lambda label=label, dtype=dtype: torch_mlp(*t[label], sizes, dtype))
                if with_torch
                else None,
                f"training.train, softmax, gd lr {sizes.mlp_learning_rate}, batch "
                f"{sizes.mlp_batch}, {sizes.mlp_epochs} epochs = {updates} updates on "
                f"{X_m.shape[1]} MNIST images, dtype {label}",
            )
        )
    return rows


def relative_difference(a: dict[str, np.ndarray], b: dict[str, np.ndarray]) -> float:
    scale = max(float(np.abs(value).max()) for value in a.values())
    worst = max(
        float(np.abs(a[key].astype(np.float64) - b[key].astype(np.float64)).max()) for key in a
    )
    return worst / scale


def warm_up(data) -> None:
    """A few steps of every implementation outside the timer (first-call overheads)."""
    tiny = Sizes(planar_iterations=5, deep_iterations=2, mlp_epochs=1, mlp_examples=256)
    for row in make_rows(tiny, data, torch is not None):
        row.run_dlutils()
        if row.run_torch is not None:
            row.run_torch()


def benchmark(rows: list[Row], repeats: int) -> None:
    for repeat in range(repeats):
        for row in rows:
            sides = [("dlutils", row.run_dlutils, row.dlutils_runs)]
            if row.run_torch is not None:
                sides.append(("torch", row.run_torch, row.torch_runs))
            if repeat % 2 == 1:
                sides.reverse()
            results = {}
            for side, function, runs in sides:
                run, results[side] = timed(function)
                runs.append(run)
                print(
                    f"  repeat {repeat + 1}/{repeats}  {row.name:<24} {row.dtype:<8} "
                    f"{side:<8} {run.seconds:8.3f} s",
                    flush=True,
                )
            if row.agree is None and "torch" in results:
                row.agree = relative_difference(results["dlutils"], results["torch"])


def _percent(value: float | None) -> str:
    return "n/a" if value is None else f"{100 * value:.0f}%"


def print_table(rows: list[Row], with_torch: bool) -> bool:
    """Print the table; return True when every row with a torch time meets its target."""
    header = (
        f"{'row':<26} {'dtype':<8} {'dlutils s':>10} {'torch s':>10} {'ratio':>7} "
        f"{'target':>8} {'met':>4} {'agree':>9} {'others CPU':>11}"
    )
    print(header)
    print("-" * len(header))
    all_met = True
    for row in rows:
        dl = row.best(row.dlutils_runs)
        th = row.best(row.torch_runs)
        if th is None:
            torch_s = ratio = met = agree = "-"
        else:
            value = dl.seconds / th.seconds
            met_bool = value < row.limit if row.limit == 1.0 else value <= row.limit
            all_met = all_met and met_bool
            torch_s, ratio, met = f"{th.seconds:.3f}", f"{value:.2f}", "yes" if met_bool else "no"
            agree = "n/a" if row.agree is None else f"{row.agree:.1e}"
        others = _percent(dl.others)
        if th is not None:
            others += "/" + _percent(th.others)
        print(
            f"{row.name:<26} {row.dtype:<8} {dl.seconds:>10.3f} {torch_s:>10} {ratio:>7} "
            f"{row.target_text:>8} {met:>4} {agree:>9} {others:>11}"
        )
    if not with_torch and torch is not None:
        print("\n--no-torch: the torch rows were skipped.")
    elif not with_torch:
        print(
            "\ntorch is not installed, so only the dlutils rows are shown. For the comparison:\n"
            "  .venv/bin/pip install torch==2.13.0   (a CPU build; not a course dependency)"
        )
    return all_met


# --------------------------------------------------------------------------------------------
# Environment report
# --------------------------------------------------------------------------------------------


def set_threads(threads: int | None):
    """Limit numpy's BLAS and torch to ``threads`` threads; return the threadpoolctl limiter."""
    if threads is None:
        return None
    if torch is not None:
        torch.set_num_threads(threads)
    if threadpoolctl is None:
        os.environ.setdefault("OPENBLAS_NUM_THREADS", str(threads))  # too late for numpy, noted
        print("warning: threadpoolctl is not installed; numpy's BLAS threads were not limited")
        return None
    return threadpoolctl.threadpool_limits(limits=threads)


def print_environment(threads: int | None) -> None:
    print(f"python {platform.python_version()}, numpy {np.__version__}, ", end="")
    print(f"torch {torch.__version__}" if torch is not None else "torch not installed")
    print(f"machine: {platform.machine()}, {os.cpu_count()} CPUs, {_cpu_model()}")
    print(f"threads requested: {threads if threads is not None else 'library defaults'}")
    if threadpoolctl is not None:
        for pool in threadpoolctl.threadpool_info():
            print(
                f"  threadpool: {pool.get('internal_api')} {pool.get('version') or ''} "
                f"({pool.get('user_api')}), {pool.get('num_threads')} threads, "
                f"arch {pool.get('architecture', '-')}, {Path(pool.get('filepath', '')).name}"
            )
    else:
        config = np.show_config(mode="dicts")
        blas = config.get("Build Dependencies", {}).get("blas", {})
        print(f"  numpy BLAS: {blas.get('name')} {blas.get('version')} (threadpoolctl absent)")
    if torch is not None:
        print(f"  torch intra-op threads: {torch.get_num_threads()}")


def _cpu_model() -> str:
    try:
        with open("/proc/cpuinfo") as info:
            for line in info:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def _load_average() -> str:
    try:
        return ", ".join(f"{value:.2f}" for value in os.getloadavg())
    except OSError:
        return "n/a"


# --------------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeats", type=int, default=3, help="runs per entry; best is kept")
    parser.add_argument("--quick", action="store_true", help="small sizes, for a smoke run")
    parser.add_argument("--threads", type=int, default=None, help="BLAS and torch threads")
    parser.add_argument("--no-torch", action="store_true", help="time the dlutils rows only")
    args = parser.parse_args(argv)
    if args.repeats < 1:
        parser.error("--repeats must be at least 1")
    if args.threads is not None and args.threads < 1:
        parser.error("--threads must be at least 1")

    with_torch = torch is not None and not args.no_torch
    sizes = QUICK if args.quick else FULL
    limiter = set_threads(args.threads)
    print("dlutils vs hand-written PyTorch (CPU)" + (" -- QUICK smoke sizes" if args.quick else ""))
    print_environment(args.threads)
    load_start = _load_average()

    data = load_data(sizes)
    rows = make_rows(sizes, data, with_torch)
    print("\nworkloads:")
    for row in rows:
        print(f"  {row.name} [{row.dtype}]: {row.description}")
    if with_torch:
        print(
            "  torch: the same net by hand (no autograd), same dtype as its row, same init, "
            "data, permutations and number of updates"
        )
    if not args.quick:  # a smoke run's figures mean nothing anyway: save the time
        warm_up(data)
    print(f"\ntiming, best of {args.repeats}, interleaved:", flush=True)
    benchmark(rows, args.repeats)

    print(f"\nresults (best of {args.repeats} runs; ratio = dlutils / torch, lower is better):")
    all_met = print_table(rows, with_torch)
    others = [run.others for row in rows for run in row.dlutils_runs + row.torch_runs]
    known = [value for value in others if value is not None]
    print(
        "\nmachine load: load average (1, 5, 15 min) "
        f"{load_start} at the start, {_load_average()} at the end."
    )
    if known:
        median = float(np.median(known))
        print(
            f"other processes used {100 * min(known):.0f}-{100 * max(known):.0f}% of the "
            f"{os.cpu_count()} CPUs during the timed runs (median {100 * median:.0f}%); "
            "'others CPU' is that share during the best dlutils/torch run."
        )
        if median > BUSY:
            print(
                "WARNING: the machine was busy, so these figures are noisy. Multi-threaded "
                "BLAS and OpenMP pools slow down several-fold when another process holds a "
                "core; rerun on a quiet machine, or with --threads 1 to compare like with like."
            )
    if with_torch:
        print("all targets met" if all_met else "some targets NOT met (see the 'met' column)")
    if limiter is not None:
        limiter.restore_original_limits()
    return 0


if __name__ == "__main__":
    sys.exit(main())
