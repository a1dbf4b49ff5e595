"""Datasets: seeded 2-D generators and loaders for the shipped HDF5 files under ``datasets/``.

Every set follows the course layout: examples are columns, so a 2-D set is ``X`` of shape
``(2, m)`` with labels ``Y`` of shape ``(1, m)``; image sets are ``(m, h, w, c)`` ``uint8``
arrays that :func:`flatten_images` turns into ``(h*w*c, m)`` floats in ``[0, 1]``.

The generators draw only from the keyword-only ``rng`` (a ``numpy.random.Generator``), with
``rng.standard_normal(shape)`` for N(0, 1) draws and ``rng.random(shape)`` for U[0, 1) draws,
in the order stated in each docstring. They return the examples grouped by class (class 0
first), which is how the classic planar set was laid out; shuffle with a permutation if order
matters to you.

The loaders never import mlxtend or scikit-learn: they read the HDF5 files that
``datasets/build_datasets.py`` wrote. The folder is ``datasets/`` at the repository root (next
to the ``dlutils`` package), the copy a wheel install carries (``dlutils/data/``), or the folder
named by the environment variable ``DLCOURSE_DATASETS`` (see :func:`datasets_dir`). Each file
is checked against that folder's ``SHA256SUMS`` once per process (again if the file changes on
disk), and its shapes and dtypes are checked on every load. A missing, corrupt or malformed
file raises :class:`DatasetError`, whose message names the file, says what is wrong and how to
fix it. Loaders return fresh arrays that the caller may change.

Introduced in:
    - C1W2_logistic_regression: load_binary_images, flatten_images
    - C1W3_planar_classification: make_flower, load_planar_dataset, make_moons, make_circles,
      make_blobs, make_gaussian_quantiles, load_2d_dataset
    - C1W4_deep_nn_application: load_binary_images, flatten_images
    - C2W1_initialization: make_circles, load_2d_dataset("circles")
    - C2W1_regularization: make_overfit_set, load_2d_dataset("overfit")
    - C2W2_optimization: make_moons, load_2d_dataset("moons")
    - C2W3_batchnorm_softmax: load_mnist10, load_digits8
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import numpy as np

__all__ = [
    "DatasetError",
    "DATASETS_ENV_VAR",
    "TWO_D_DATASETS",
    "datasets_dir",
    "verify_dataset",
    "make_flower",
    "make_moons",
    "make_circles",
    "make_blobs",
    "make_gaussian_quantiles",
    "make_overfit_set",
    "load_planar_dataset",
    "load_2d_dataset",
    "load_binary_images",
    "load_mnist10",
    "load_digits8",
    "flatten_images",
]

DATASETS_ENV_VAR = "DLCOURSE_DATASETS"
"""Environment variable that points the loaders at another datasets folder."""

TWO_D_DATASETS = ("flower", "moons", "circles", "blobs", "gaussian_quantiles", "overfit")
"""Names accepted by :func:`load_2d_dataset` (groups of ``datasets/planar.h5``)."""

MANIFEST = "SHA256SUMS"
BUILD_COMMAND = "python datasets/build_datasets.py"


class DatasetError(RuntimeError):
    """A shipped dataset file is missing, corrupt or has the wrong layout.

    The message names the file, says what is wrong and how to restore it.
    """


# --------------------------------------------------------------------------------------------
# 2-D generators
# --------------------------------------------------------------------------------------------


def _check_m(m: int, minimum: int = 1) -> int:
    if isinstance(m, bool) or not isinstance(m, int | np.integer) or m < minimum:
        raise ValueError(f"m must be an integer >= {minimum}; got {m!r}")
    return int(m)


def _class_sizes(m: int, n_classes: int) -> list[int]:
    """Split ``m`` into ``n_classes`` sizes that differ by at most one (earlier classes larger)."""
    return [m // n_classes + (1 if k < m % n_classes else 0) for k in range(n_classes)]


def _labels_row(sizes: list[int]) -> np.ndarray:
    """``(1, sum(sizes))`` float64 row: ``sizes[0]`` zeros, then ``sizes[1]`` ones, ..."""
    return np.repeat(np.arange(len(sizes), dtype=np.float64), sizes).reshape(1, -1)


def make_flower(m: int = 400, *, rng: np.random.Generator, noise: float = 0.2):
    """The planar "flower": two classes of petals in the plane.

    Parameters
    ----------
    m : int, default 400
        Number of points. Class 0 gets ``m - m // 2`` points, class 1 gets ``m // 2``
        (200 each for the default).
    rng : numpy.random.Generator
        The only source of randomness (keyword-only).
    noise : float, default 0.2
        Standard deviation of the noise added to both the angle and the radius.

    Returns
    -------
    X : ndarray, shape (2, m), float64
        Point coordinates, one point per column.
    Y : ndarray, shape (1, m), float64
        Labels 0.0 / 1.0, class 0 in the first columns.

    Notes
    -----
    For class ``j`` in ``(0, 1)`` with ``N_j`` points (the classic recipe, half-turn = pi):

    .. math::

        t = \\mathrm{linspace}(j\\pi, (j+1)\\pi, N_j) + \\sigma\\,\\varepsilon_t, \\qquad
        r = 4 \\sin(4t) + \\sigma\\,\\varepsilon_r, \\qquad
        x = (r \\sin t,\\; r \\cos t)

    with ``sigma = noise``. Draw order: for class 0 then class 1,
    ``eps_t = rng.standard_normal(N_j)`` and then ``eps_r = rng.standard_normal(N_j)``.
    """
    m = _check_m(m, minimum=2)
    sizes = [m - m // 2, m // 2]
    blocks = []
    for j, n_j in enumerate(sizes):
        t = np.linspace(j * np.pi, (j + 1) * np.pi, n_j) + noise * rng.standard_normal(n_j)
        r = 4.0 * np.sin(4.0 * t) + noise * rng.standard_normal(n_j)
        blocks.append(np.stack([r * np.sin(t), r * np.cos(t)]))
    return np.concatenate(blocks, axis=1), _labels_row(sizes)


def make_moons(m: int = 300, *, rng: np.random.Generator, noise: float = 0.2):
    """Two interleaving half circles (scikit-learn's ``make_moons`` recipe, unshuffled).

    Parameters
    ----------
    m : int, default 300
        Number of points: ``m - m // 2`` in the upper moon (class 0), ``m // 2`` in the lower
        moon (class 1).
    rng : numpy.random.Generator
        The only source of randomness (keyword-only).
    noise : float, default 0.2
        Standard deviation of the Gaussian noise added to every coordinate.

    Returns
    -------
    X : ndarray, shape (2, m), float64
    Y : ndarray, shape (1, m), float64
        Labels 0.0 / 1.0, class 0 first.

    Notes
    -----
    With ``s = linspace(0, pi, N)`` for each moon: class 0 lies on ``(cos s, sin s)``, class 1
    on ``(1 - cos s, 0.5 - sin s)``. Then ``X += noise * rng.standard_normal((2, m))`` (the
    only draw).
    """
    m = _check_m(m, minimum=2)
    s0 = np.linspace(0.0, np.pi, m - m // 2)
    s1 = np.linspace(0.0, np.pi, m // 2)
    upper = np.stack([np.cos(s0), np.sin(s0)])
    lower = np.stack([1.0 - np.cos(s1), 0.5 - np.sin(s1)])
    return _two_noisy_classes(upper, lower, noise, rng)


def _two_noisy_classes(class0, class1, noise, rng):
    """``X`` = the points of class 0 then class 1 plus ``noise * rng.standard_normal``; ``Y``."""
    X = np.concatenate([class0, class1], axis=1)
    X = X + noise * rng.standard_normal(X.shape)
    return X, _labels_row([class0.shape[1], class1.shape[1]])


def make_circles(m: int = 300, *, rng: np.random.Generator, noise: float = 0.05, factor=0.5):
    """A small circle inside a large one (scikit-learn's ``make_circles`` recipe, unshuffled).

    Parameters
    ----------
    m, rng, noise : as in :func:`make_moons`
        ``m - m // 2`` points on the outer circle (class 0), ``m // 2`` on the inner one
        (class 1); the noise's standard deviation defaults to 0.05 here.
    factor : float, default 0.5
        Radius of the inner circle (the outer radius is 1); must be in ``(0, 1)``.

    Returns
    -------
    X : ndarray, shape (2, m), float64
    Y : ndarray, shape (1, m), float64
        Labels 0.0 / 1.0, class 0 (outer) first.

    Notes
    -----
    With ``s = linspace(0, 2 pi, N, endpoint=False)`` for each circle: class 0 lies on
    ``(cos s, sin s)``, class 1 on ``factor * (cos s, sin s)``. Then
    ``X += noise * rng.standard_normal((2, m))`` (the only draw).
    """
    m = _check_m(m, minimum=2)
    if not 0.0 < factor < 1.0:
        raise ValueError(f"factor must be in (0, 1); got {factor!r}")
    s0 = np.linspace(0.0, 2.0 * np.pi, m - m // 2, endpoint=False)
    s1 = np.linspace(0.0, 2.0 * np.pi, m // 2, endpoint=False)
    outer = np.stack([np.cos(s0), np.sin(s0)])
    inner = factor * np.stack([np.cos(s1), np.sin(s1)])
    return _two_noisy_classes(outer, inner, noise, rng)


def _check_n_classes(n_classes) -> int:
    if isinstance(n_classes, bool) or not isinstance(n_classes, int | np.integer):
        raise ValueError(f"n_classes must be an integer >= 2; got {n_classes!r}")
    if n_classes < 2:
        raise ValueError(f"n_classes must be >= 2; got {n_classes}")
    return int(n_classes)


def make_blobs(m: int = 300, *, rng: np.random.Generator, n_classes: int = 2, spread: float = 1.0):
    """Isotropic Gaussian blobs, one per class, with centres on a circle.

    Parameters
    ----------
    m : int, default 300
        Number of points, split as evenly as possible (earlier classes get the remainder).
    rng : numpy.random.Generator
        The only source of randomness (keyword-only).
    n_classes : int, default 2
        Number of blobs (>= 2).
    spread : float, default 1.0
        Standard deviation of every blob.

    Returns
    -------
    X : ndarray, shape (2, m), float64
    Y : ndarray, shape (1, m), float64
        Labels 0.0 .. n_classes-1, grouped by class in increasing order.

    Notes
    -----
    Centre ``k`` is ``R (cos(2 pi k / K), sin(2 pi k / K))`` with ``R = 3 / sin(pi / K)``, so
    neighbouring centres are exactly 6 units apart whatever ``K = n_classes``. Then
    ``X = centres[:, Y] + spread * rng.standard_normal((2, m))`` (the only draw).
    """
    m, n_classes = _check_m(m), _check_n_classes(n_classes)
    angles = 2.0 * np.pi * np.arange(n_classes) / n_classes
    radius = 3.0 / np.sin(np.pi / n_classes)
    centres = radius * np.stack([np.cos(angles), np.sin(angles)])
    Y = _labels_row(_class_sizes(m, n_classes))
    X = centres[:, Y[0].astype(np.intp)] + spread * rng.standard_normal((2, m))
    return X, Y


def make_gaussian_quantiles(m: int = 300, *, rng: np.random.Generator, n_classes: int = 2):
    """Concentric classes cut from one 2-D standard normal by quantiles of the radius.

    Parameters
    ----------
    m, rng : as in :func:`make_blobs`
        ``m`` points split as evenly as possible; ``rng`` the only randomness.
    n_classes : int, default 2
        Number of rings (>= 2).

    Returns
    -------
    X : ndarray, shape (2, m), float64
        Points sorted by their distance from the origin.
    Y : ndarray, shape (1, m), float64
        Labels 0.0 .. n_classes-1; class 0 is the innermost disc.

    Notes
    -----
    ``X = rng.standard_normal((2, m))`` (the only draw); the columns are sorted by
    ``||x||^2`` (stable sort) and the sorted points are cut into ``n_classes`` consecutive
    groups, as scikit-learn's ``make_gaussian_quantiles`` does without shuffling.
    """
    m, n_classes = _check_m(m), _check_n_classes(n_classes)
    X = rng.standard_normal((2, m))
    order = np.argsort((X * X).sum(axis=0), kind="stable")
    return X[:, order], _labels_row(_class_sizes(m, n_classes))


def _overfit_points(m: int, rng: np.random.Generator, label_noise: float):
    X = 2.0 * rng.random((2, m)) - 1.0
    clean = X[1] > 0.5 * np.sin(np.pi * X[0])
    flip = rng.random(m) < label_noise
    return X, (clean ^ flip).astype(np.float64).reshape(1, m)


def make_overfit_set(
    *,
    rng: np.random.Generator,
    m_train: int = 200,
    m_test: int = 200,
    label_noise: float = 0.1,
):
    """A small noisy 2-D binary set that a big unregularized network overfits.

    Points are uniform in the square ``[-1, 1]^2``; the true boundary is the sine wave
    ``x2 = 0.5 sin(pi x1)`` and a fraction ``label_noise`` of the labels is flipped. A large
    net without regularization carves little islands around the flipped training points, which
    costs test accuracy; L2 or dropout keep the boundary smooth.

    Parameters
    ----------
    rng : numpy.random.Generator
        The only source of randomness (keyword-only).
    m_train, m_test : int, default 200
        Sizes of the training and test sets.
    label_noise : float, default 0.1
        Probability that a label is flipped, in ``[0, 0.5)``.

    Returns
    -------
    X_train : ndarray, shape (2, m_train), float64
    Y_train : ndarray, shape (1, m_train), float64
        Labels 0.0 / 1.0 (not grouped by class).
    X_test : ndarray, shape (2, m_test), float64
    Y_test : ndarray, shape (1, m_test), float64

    Notes
    -----
    For each set (training first, then test):
    ``X = 2 * rng.random((2, m)) - 1``, then ``flip = rng.random(m) < label_noise`` and

    .. math:: y = [x_2 > 0.5 \\sin(\\pi x_1)] \\oplus \\mathrm{flip}.

    The Bayes error is ``label_noise``: no classifier should beat ``1 - label_noise`` on the
    test set by more than sampling noise.
    """
    m_train = _check_m(m_train)
    m_test = _check_m(m_test)
    if not 0.0 <= label_noise < 0.5:
        raise ValueError(f"label_noise must be in [0, 0.5); got {label_noise!r}")
    X_train, Y_train = _overfit_points(m_train, rng, label_noise)
    X_test, Y_test = _overfit_points(m_test, rng, label_noise)
    return X_train, Y_train, X_test, Y_test


# --------------------------------------------------------------------------------------------
# Locating and verifying the shipped files
# --------------------------------------------------------------------------------------------


def datasets_dir() -> Path:
    """The folder the loaders read: ``$DLCOURSE_DATASETS`` if set, else ``datasets/`` next to
    the ``dlutils`` package when it holds ``SHA256SUMS`` (the repository, or a release folder
    with its data), else the copy a wheel install ships inside the package (``dlutils/data/``,
    put there by the build step in ``setup.py``).

    Returns
    -------
    path : pathlib.Path
        Not checked for existence beyond choosing the folder; the loaders report a missing
        file clearly.
    """
    override = os.environ.get(DATASETS_ENV_VAR)
    if override:
        return Path(override).expanduser().resolve()
    package = Path(__file__).resolve().parent
    beside = package.parent / "datasets"
    shipped = package / "data"
    # The manifest decides, not the folder: in site-packages, "datasets" is another package's.
    if not (beside / MANIFEST).is_file() and (shipped / MANIFEST).is_file():
        return shipped
    return beside


def _fix_hint(filename: str) -> str:
    return (
        f"Restore it with `git checkout -- datasets/{filename}` or rebuild it with "
        f"`{BUILD_COMMAND}`."
    )


def _error(path: Path, problem: str) -> DatasetError:
    return DatasetError(f"dataset file {path}: {problem}. {_fix_hint(path.name)}")


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _read_manifest(folder: Path) -> dict[str, str]:
    """Parse ``SHA256SUMS`` (``sha256sum`` format) into ``{filename: hexdigest}``."""
    manifest = folder / MANIFEST
    if not manifest.is_file():
        raise DatasetError(
            f"checksum manifest {manifest} is missing, so the datasets cannot be verified. "
            f"Restore it with `git checkout -- datasets/{MANIFEST}` or rebuild everything "
            f"with `{BUILD_COMMAND}`."
        )
    sums = {}
    for line in manifest.read_text(encoding="ascii").splitlines():
        if not line.strip():
            continue
        digest, _, name = line.partition(" ")
        sums[name.strip().lstrip("*")] = digest.strip().lower()
    return sums


# (resolved path, size, mtime_ns) of files whose checksum already matched in this process
_VERIFIED: set[tuple[str, int, int]] = set()


def verify_dataset(filename: str) -> Path:
    """Check that ``filename`` exists in :func:`datasets_dir` and matches ``SHA256SUMS``.

    The hash is computed once per process for each file (and again if the file's size or
    modification time changes).

    Parameters
    ----------
    filename : str
        A file name listed in ``SHA256SUMS``, e.g. ``"mnist_binary.h5"``.

    Returns
    -------
    path : pathlib.Path
        The verified file.

    Raises
    ------
    DatasetError
        If the file or the manifest is missing, the file is not listed, or the checksum differs.
    """
    folder = datasets_dir()
    path = folder / filename
    if not path.is_file():
        where = (
            f"${DATASETS_ENV_VAR} points to {folder}"
            if os.environ.get(DATASETS_ENV_VAR)
            else f"set ${DATASETS_ENV_VAR} if your datasets folder is elsewhere"
        )
        raise _error(path, f"the file is missing ({where})")
    stat = path.stat()
    key = (str(path.resolve()), stat.st_size, stat.st_mtime_ns)
    if key in _VERIFIED:
        return path
    expected = _read_manifest(folder).get(filename)
    if expected is None:
        raise _error(path, f"the file is not listed in {folder / MANIFEST}")
    actual = _sha256(path)
    if actual != expected:
        raise _error(
            path,
            f"checksum mismatch (sha256 is {actual}, {MANIFEST} expects {expected}); "
            "the file is corrupt or was modified",
        )
    _VERIFIED.add(key)
    return path


def _read_arrays(filename: str, spec: dict[str, tuple]) -> tuple[dict[str, np.ndarray], dict]:
    """Verify ``filename`` and read the datasets named in ``spec``.

    ``spec`` maps an HDF5 dataset path to ``(ndim, dtype kind)``; shapes are checked further
    by the callers. Returns fresh in-memory arrays and the root attributes.
    """
    import h5py  # imported here so that the generators work without h5py

    path = verify_dataset(filename)
    arrays = {}
    try:
        with h5py.File(path, "r") as handle:
            attrs = dict(handle.attrs)
            for name, (ndim, kind) in spec.items():
                if name not in handle:
                    raise _error(path, f"bad layout: dataset '{name}' is missing")
                array = handle[name][()]
                if array.ndim != ndim or array.dtype.kind != kind:
                    raise _error(
                        path,
                        f"bad shape or dtype: '{name}' is {array.dtype} with shape "
                        f"{array.shape}; expected a {ndim}-d array of kind '{kind}'",
                    )
                arrays[name] = array
    except OSError as exc:  # h5py raises OSError for unreadable files
        raise _error(path, f"cannot be read as HDF5 ({exc})") from exc
    return arrays, attrs


def _require(path_name: str, condition: bool, problem: str) -> None:
    if not condition:
        raise _error(datasets_dir() / path_name, f"bad shape: {problem}")


# --------------------------------------------------------------------------------------------
# 2-D loaders
# --------------------------------------------------------------------------------------------

PLANAR_FILE = "planar.h5"


def load_2d_dataset(name: str):
    """Load one of the shipped, seeded 2-D sets with its train/test split.

    Parameters
    ----------
    name : str
        One of ``"flower", "moons", "circles", "blobs", "gaussian_quantiles", "overfit"``.

    Returns
    -------
    X_train : ndarray, shape (2, m_train), float64
    Y_train : ndarray, shape (1, m_train), float64
        Labels 0.0 / 1.0.
    X_test : ndarray, shape (2, m_test), float64
    Y_test : ndarray, shape (1, m_test), float64

    Notes
    -----
    The sets were drawn by ``datasets/build_datasets.py`` from this module's generators with
    the seeds recorded in ``datasets/README.md`` and in each group's attributes: the training
    set first, then an independent test set from the same generator. Sizes (train/test):
    flower 400/400, overfit 200/200, the others 300/300.

    Raises
    ------
    ValueError
        For an unknown name.
    DatasetError
        If ``planar.h5`` is missing, corrupt or malformed.
    """
    if name not in TWO_D_DATASETS:
        raise ValueError(f"unknown 2-D dataset {name!r}; choose one of {TWO_D_DATASETS}")
    keys = ("X_train", "Y_train", "X_test", "Y_test")
    spec = {f"{name}/{key}": (2, "f" if key.startswith("X") else "u") for key in keys}
    arrays, _ = _read_arrays(PLANAR_FILE, spec)
    out = []
    for split in ("train", "test"):
        X = arrays[f"{name}/X_{split}"].astype(np.float64)
        Y = arrays[f"{name}/Y_{split}"].astype(np.float64)
        _require(
            PLANAR_FILE,
            X.shape[0] == 2 and Y.shape == (1, X.shape[1]),
            f"'{name}' {split} split has X {X.shape} and Y {Y.shape}; expected (2, m) and (1, m)",
        )
        out += [X, Y]
    return tuple(out)


def load_planar_dataset():
    """Load the shipped 400-point flower (the training part of ``load_2d_dataset("flower")``).

    Returns
    -------
    X : ndarray, shape (2, 400), float64
    Y : ndarray, shape (1, 400), float64
        Labels 0.0 (first 200 columns) and 1.0.
    """
    X, Y, _, _ = load_2d_dataset("flower")
    return X, Y


# --------------------------------------------------------------------------------------------
# Image loaders
# --------------------------------------------------------------------------------------------


def _load_images(filename: str, side: int, n_classes: int):
    spec = {
        "train_x": (4, "u"),
        "train_y": (1, "u"),
        "test_x": (4, "u"),
        "test_y": (1, "u"),
        "classes": (1, "S"),
    }
    arrays, _ = _read_arrays(filename, spec)
    out = []
    for split in ("train", "test"):
        x = arrays[f"{split}_x"]
        y = arrays[f"{split}_y"]
        _require(
            filename,
            x.dtype == np.uint8 and x.shape[1:] == (side, side, 1) and y.shape == (x.shape[0],),
            f"{split}_x is {x.dtype} {x.shape} and {split}_y is {y.shape}; expected uint8 "
            f"(m, {side}, {side}, 1) and (m,)",
        )
        _require(
            filename,
            int(y.max(initial=0)) < n_classes,
            f"{split}_y has labels outside 0..{n_classes - 1}",
        )
        out += [x.copy(), y.astype(np.int64).reshape(1, -1)]
    classes = arrays["classes"]
    _require(filename, classes.shape == (n_classes,), f"classes has shape {classes.shape}")
    out.append(np.array([name.decode("utf-8") for name in classes]))
    return tuple(out)


def load_binary_images():
    """Load the balanced binary MNIST task: digit 3 (label 0) against digit 8 (label 1).

    Returns
    -------
    train_x_orig : ndarray, shape (800, 28, 28, 1), uint8
        Grey levels 0..255; 400 of each class, shuffled.
    train_y : ndarray, shape (1, 800), int64
        0 for ``classes[0]`` (a 3), 1 for ``classes[1]`` (an 8).
    test_x_orig : ndarray, shape (200, 28, 28, 1), uint8
        100 of each class, shuffled.
    test_y : ndarray, shape (1, 200), int64
    classes : ndarray, shape (2,), str
        ``["3", "8"]``: class names indexed by label.

    Notes
    -----
    Built from the 5,000-image MNIST subset that mlxtend ships (see ``datasets/README.md``
    for the digit pair, the split and the accuracies measured on it). Flatten with
    :func:`flatten_images`.
    """
    return _load_images("mnist_binary.h5", side=28, n_classes=2)


def load_mnist10():
    """Load the 10-class MNIST task (all 5,000 images, stratified 80/20 split).

    Returns
    -------
    train_x_orig : ndarray, shape (4000, 28, 28, 1), uint8
    train_y : ndarray, shape (1, 4000), int64
        Digits 0..9.
    test_x_orig : ndarray, shape (1000, 28, 28, 1), uint8
    test_y : ndarray, shape (1, 1000), int64
    classes : ndarray, shape (10,), str
        ``"0"`` .. ``"9"``.
    """
    return _load_images("mnist10.h5", side=28, n_classes=10)


def load_digits8():
    """Load scikit-learn's 8x8 digits (1,797 images, 10 classes), stratified 80/20 split.

    Returns
    -------
    train_x_orig : ndarray, shape (m_train, 8, 8, 1), uint8
        The original 0..16 intensities rescaled to 0..255 (``round(v * 255 / 16)``).
    train_y : ndarray, shape (1, m_train), int64
        Digits 0..9.
    test_x_orig : ndarray, shape (m_test, 8, 8, 1), uint8
    test_y : ndarray, shape (1, m_test), int64
    classes : ndarray, shape (10,), str
        ``"0"`` .. ``"9"``.
    """
    return _load_images("digits8.h5", side=8, n_classes=10)


def flatten_images(x_orig: np.ndarray) -> np.ndarray:
    """Flatten images into columns and scale grey levels to ``[0, 1]``.

    Parameters
    ----------
    x_orig : ndarray, shape (m, h, w, c) or (m, h, w)
        Images with values 0..255 (any numeric dtype).

    Returns
    -------
    x_flat : ndarray, shape (h*w*c, m), float64
        Column ``i`` is image ``i`` raveled in C order (row by row, channels innermost),
        divided by 255. A new, C-contiguous array.

    Notes
    -----
    ``x_flat = x_orig.reshape(m, -1).T / 255``.
    """
    x_orig = np.asarray(x_orig)
    if x_orig.ndim not in (3, 4):
        raise ValueError(f"expected images of shape (m, h, w) or (m, h, w, c); got {x_orig.shape}")
    # C-contiguous (not the transpose's Fortran order): W @ X is about 2.5x faster on it.
    flat = np.ascontiguousarray(x_orig.reshape(x_orig.shape[0], -1).T, dtype=np.float64)
    flat /= 255.0
    return flat
