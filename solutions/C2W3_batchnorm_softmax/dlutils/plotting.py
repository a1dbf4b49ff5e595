"""Plots the notebooks show: 2-D data, decision boundaries, cost curves, image grids, timings.

Every function draws with matplotlib and returns what it drew on (an ``Axes`` for single
plots, a ``Figure`` for grids). None of them calls ``plt.show()``: notebooks display figures
at the end of the cell, and scripts and tests decide for themselves. New figures are made with
``plt.subplots`` so that Jupyter's inline backend shows them; pass ``ax=`` to draw into an
existing figure instead. Close figures you no longer need (``plt.close(fig)``) in long loops.

Introduced in:
    - C1W2_numpy_basics: plot_timings
    - C1W2_logistic_regression: plot_costs, plot_cost_curves, plot_image_grid, plot_mislabeled
    - C1W3_planar_classification: plot_2d_data, plot_decision_boundary
    - C1W4_deep_nn_application: plot_costs, plot_image_grid, plot_mislabeled
    - C2W1_initialization, C2W1_regularization, C2W2_optimization: plot_decision_boundary,
      plot_cost_curves
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.colors import ListedColormap
from matplotlib.patches import Patch

__all__ = [
    "plot_2d_data",
    "plot_decision_boundary",
    "plot_costs",
    "plot_cost_curves",
    "plot_image_grid",
    "plot_mislabeled",
    "plot_timings",
]

CLASS_CMAP = "Spectral"
"""Colormap the class colours are taken from, evenly spaced: points and decision regions of
class ``k`` get the same colour (the regions lighter, with ``REGION_ALPHA``)."""

REGION_ALPHA = 0.35

MISLABELED_COLOR = "red"
CORRECT_COLOR = "black"


def _new_axes(ax):
    if ax is None:
        _, ax = plt.subplots()
    return ax


def _label_vector(Y, name: str = "Y") -> np.ndarray:
    """Return labels as a flat int array from (1, m), (m, 1) or (m,) input."""
    Y = np.asarray(Y)
    if Y.ndim == 2 and 1 in Y.shape:
        Y = Y.ravel()
    if Y.ndim != 1:
        raise ValueError(f"{name} must have shape (1, m) or (m,); got {Y.shape}")
    flat = Y.astype(np.float64)
    if not np.all(flat == np.round(flat)):
        raise ValueError(f"{name} must hold integer class labels")
    return flat.astype(np.intp)


def _class_colors(n_classes: int) -> np.ndarray:
    cmap = plt.get_cmap(CLASS_CMAP)
    if n_classes == 1:
        return cmap(np.array([0.0]))
    return cmap(np.linspace(0.0, 1.0, n_classes))


def _class_label(k: int, class_names) -> str:
    return f"class {k}" if class_names is None else _class_name(k, class_names)


def plot_2d_data(X, Y, ax=None, title=None, *, class_names=None):
    """Scatter a 2-D data set, one colour per class.

    Parameters
    ----------
    X : array_like, shape (2, m)
        Points as columns.
    Y : array_like, shape (1, m) or (m,)
        Integer class labels (floats such as 0.0/1.0 are fine).
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure is made if None.
    title : str, optional
    class_names : sequence of str, optional (keyword-only)
        Legend labels indexed by class (e.g. ``["y = 0", "y = 1"]``); default ``"class k"``.

    Returns
    -------
    ax : matplotlib.axes.Axes
        With one scatter collection per class (labelled ``"class k"`` or its name) and a legend.
    """
    X = np.asarray(X, dtype=np.float64)
    if X.ndim != 2 or X.shape[0] != 2:
        raise ValueError(f"X must have shape (2, m); got {X.shape}")
    labels = _label_vector(Y)
    if labels.shape[0] != X.shape[1]:
        raise ValueError(f"X has {X.shape[1]} points but Y has {labels.shape[0]} labels")
    ax = _new_axes(ax)
    n_classes = int(labels.max(initial=0)) + 1
    colors = _class_colors(n_classes)
    for k in range(n_classes):
        mask = labels == k
        if mask.any():
            ax.scatter(
                X[0, mask],
                X[1, mask],
                s=20,
                color=colors[k],
                edgecolors="black",
                linewidths=0.4,
                label=_class_label(k, class_names),
            )
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    ax.legend(loc="best", fontsize="small")
    if title is not None:
        ax.set_title(title)
    return ax


def plot_decision_boundary(
    predict_fn: Callable[[np.ndarray], np.ndarray],
    X,
    Y,
    ax=None,
    title=None,
    resolution=200,
    *,
    class_names=None,
):
    """Shade the regions a classifier assigns to each class, then scatter the data on top.

    A region has the colour of its class's points, lighter; the legend names both
    (``"class k"`` for the points, ``"predicted class k"`` for the shaded region).

    Parameters
    ----------
    predict_fn : callable
        Maps a ``(2, k)`` float64 array of points to ``(1, k)`` (or ``(k,)``) integer labels,
        for example ``lambda Z: predict(parameters, Z)``.
    X : array_like, shape (2, m)
        The data; the grid covers its bounding box plus a margin of 10 % of the range
        (at least 0.5) on every side.
    Y : array_like, shape (1, m) or (m,)
        Integer class labels.
    ax : matplotlib.axes.Axes, optional
    title : str, optional
    resolution : int, default 200
        Grid points per axis (``predict_fn`` is called once on ``resolution**2`` points).
    class_names : sequence of str, optional (keyword-only)
        Legend labels indexed by class, as in :func:`plot_2d_data`.

    Returns
    -------
    ax : matplotlib.axes.Axes
        Holding a filled contour set (``matplotlib.contour.QuadContourSet``) and the scatter.
    """
    X = np.asarray(X, dtype=np.float64)
    if X.ndim != 2 or X.shape[0] != 2:
        raise ValueError(f"X must have shape (2, m); got {X.shape}")
    if int(resolution) < 2:
        raise ValueError(f"resolution must be >= 2; got {resolution}")
    resolution = int(resolution)
    labels = _label_vector(Y)
    low, high = X.min(axis=1), X.max(axis=1)
    margin = np.maximum(0.1 * (high - low), 0.5)
    xs = np.linspace(low[0] - margin[0], high[0] + margin[0], resolution)
    ys = np.linspace(low[1] - margin[1], high[1] + margin[1], resolution)
    grid_x, grid_y = np.meshgrid(xs, ys)
    points = np.stack([grid_x.ravel(), grid_y.ravel()])
    predicted = np.asarray(predict_fn(points))
    if predicted.size != points.shape[1]:
        raise ValueError(
            f"predict_fn returned {predicted.shape} for {points.shape[1]} points; "
            f"expected (1, {points.shape[1]})"
        )
    regions = _label_vector(predicted.reshape(1, -1), name="predict_fn output")
    n_classes = int(max(labels.max(initial=0), regions.max(initial=0))) + 1
    ax = _new_axes(ax)
    colors = _class_colors(n_classes)
    ax.contourf(
        grid_x,
        grid_y,
        regions.reshape(grid_x.shape),
        levels=np.arange(n_classes + 1) - 0.5,
        cmap=ListedColormap(colors),
        vmin=-0.5,
        vmax=n_classes - 0.5,
        alpha=REGION_ALPHA,
    )
    plot_2d_data(X, labels, ax=ax, title=title, class_names=class_names)
    handles, names = ax.get_legend_handles_labels()
    for k in np.unique(regions):
        handles.append(Patch(facecolor=colors[k], alpha=REGION_ALPHA))
        names.append(f"predicted {_class_label(int(k), class_names)}")
    ax.legend(handles, names, loc="best", fontsize="small")
    ax.set_xlim(xs[0], xs[-1])
    ax.set_ylim(ys[0], ys[-1])
    return ax


def _cost_array(costs) -> np.ndarray:
    values = np.asarray(costs, dtype=np.float64).ravel()
    if values.size == 0:
        raise ValueError("costs is empty")
    return values


def plot_costs(costs, learning_rate=None, every=100, ax=None, label=None):
    """Plot a learning curve recorded every ``every`` iterations.

    Parameters
    ----------
    costs : sequence of float, length n
        ``costs[i]`` was recorded at iteration ``i * every`` (the last one may have been
        recorded at ``num_iterations - 1``; it is drawn at ``(n - 1) * every``).
    learning_rate : float, optional
        Shown in the title ("Learning rate = 0.0075") when given.
    every : int, default 100
        Iterations between two recorded costs.
    ax : matplotlib.axes.Axes, optional
        Draw into it (call repeatedly with ``label=`` to overlay curves).
    label : str, optional
        Legend entry for this curve; a legend is drawn when given.

    Returns
    -------
    ax : matplotlib.axes.Axes
        With one more ``Line2D``.
    """
    values = _cost_array(costs)
    ax = _new_axes(ax)
    ax.plot(np.arange(values.size) * every, values, label=label)
    ax.set_xlabel("iteration")
    ax.set_ylabel("cost")
    if learning_rate is not None:
        ax.set_title(f"Learning rate = {learning_rate:g}")
    if label is not None:
        ax.legend(loc="best")
    return ax


def plot_cost_curves(curves: Mapping[str, Sequence[float]], every=100, ax=None):
    """Overlay several learning curves, one line per label (e.g. per learning rate).

    Parameters
    ----------
    curves : dict of str -> sequence of float
        Label -> costs recorded every ``every`` iterations (curves may differ in length).
    every : int, default 100
    ax : matplotlib.axes.Axes, optional

    Returns
    -------
    ax : matplotlib.axes.Axes
        One ``Line2D`` per entry of ``curves``, in insertion order, and a legend.
    """
    if not curves:
        raise ValueError("curves is empty")
    ax = _new_axes(ax)
    for name, costs in curves.items():
        plot_costs(costs, every=every, ax=ax, label=str(name))
    return ax


def _as_image_stack(images, image_shape=None) -> np.ndarray:
    """Return images as ``(m, h, w)`` (grey) or ``(m, h, w, 3|4)`` (colour)."""
    images = np.asarray(images)
    if images.ndim == 2:
        n_features, m = images.shape
        if image_shape is None:
            side = math.isqrt(n_features)
            if side * side != n_features:
                raise ValueError(
                    f"flattened images of {n_features} features: pass image_shape=(h, w, c)"
                )
            image_shape = (side, side)
        if int(np.prod(image_shape)) != n_features:
            raise ValueError(f"image_shape {image_shape} does not hold {n_features} features")
        images = images.T.reshape((m, *image_shape))
    if images.ndim == 4 and images.shape[-1] == 1:
        images = images[..., 0]
    if images.ndim == 3 or (images.ndim == 4 and images.shape[-1] in (3, 4)):
        return images
    raise ValueError(
        "images must be (m, h, w), (m, h, w, c) with c in (1, 3, 4), or flattened (h*w*c, m); "
        f"got {images.shape}"
    )


def _class_name(label: int, class_names) -> str:
    if class_names is None:
        return str(label)
    name = class_names[label]
    if isinstance(name, bytes | np.bytes_):
        return name.decode("utf-8")
    return str(name)


def plot_image_grid(
    images,
    labels,
    predictions=None,
    class_names=None,
    ncols=5,
    max_images=20,
    *,
    image_shape=None,
    indices=None,
):
    """Show the first images in a grid, titled with the true (and predicted) class.

    Parameters
    ----------
    images : array_like
        ``(m, h, w, c)``, ``(m, h, w)``, or flattened columns ``(h*w*c, m)`` (then give
        ``image_shape=(h, w, c)``; square grey images such as 784 = 28x28 are inferred).
        Integer images are drawn on a 0..255 scale, float images on 0..1.
    labels : array_like, shape (1, m) or (m,)
        True integer labels.
    predictions : array_like, shape (1, m) or (m,), optional
        Predicted labels. Titles then read ``"y: <true> / pred: <predicted>"`` and the titles of
        mislabeled images are red.
    class_names : sequence of str or bytes, optional
        Names indexed by label (e.g. ``classes`` from a loader).
    ncols : int, default 5
    max_images : int, default 20
        At most this many images (the first ones, or those in ``indices``) are shown.
    image_shape : tuple, optional (keyword-only)
        Shape of one image when ``images`` is flattened.
    indices : sequence of int, optional (keyword-only)
        Which images to show, in this order (default: all).

    Returns
    -------
    fig : matplotlib.figure.Figure
        With exactly one axes (holding one image, no ticks) per image shown.
    """
    stack = _as_image_stack(images, image_shape)
    m = stack.shape[0]
    true = _label_vector(labels, "labels")
    if true.shape[0] != m:
        raise ValueError(f"{m} images but {true.shape[0]} labels")
    pred = None
    if predictions is not None:
        pred = _label_vector(predictions, "predictions")
        if pred.shape[0] != m:
            raise ValueError(f"{m} images but {pred.shape[0]} predictions")
    chosen = np.arange(m) if indices is None else np.asarray(indices, dtype=np.intp).ravel()
    chosen = chosen[: max(int(max_images), 0)]
    n = chosen.size
    if n == 0:
        fig, ax = plt.subplots(figsize=(4, 1))
        ax.axis("off")
        ax.text(0.5, 0.5, "no images to show", ha="center", va="center")
        return fig
    ncols = max(1, min(int(ncols), n))
    nrows = math.ceil(n / ncols)
    fig, axes = plt.subplots(
        nrows, ncols, figsize=(1.8 * ncols, 2.0 * nrows), squeeze=False, constrained_layout=True
    )
    is_integer = np.issubdtype(stack.dtype, np.integer)
    for slot, ax in enumerate(axes.ravel()):
        if slot >= n:
            fig.delaxes(ax)
            continue
        i = int(chosen[slot])
        image = stack[i]
        if image.ndim == 2:
            vmin, vmax = (0, 255) if is_integer else (0.0, 1.0)
            ax.imshow(image, cmap="gray", vmin=vmin, vmax=vmax)
        else:
            ax.imshow(image if is_integer else np.clip(image, 0.0, 1.0))
        ax.set_xticks([])
        ax.set_yticks([])
        title = f"y: {_class_name(int(true[i]), class_names)}"
        color = CORRECT_COLOR
        if pred is not None:
            title += f" / pred: {_class_name(int(pred[i]), class_names)}"
            if pred[i] != true[i]:
                color = MISLABELED_COLOR
        ax.set_title(title, color=color, fontsize="small")
    return fig


def plot_mislabeled(X_orig, Y, predictions, class_names, max_images=10, *, image_shape=None):
    """Show the images whose prediction differs from the label, titled in red.

    Parameters
    ----------
    X_orig : array_like
        Images in any layout :func:`plot_image_grid` accepts.
    Y : array_like, shape (1, m) or (m,)
        True labels.
    predictions : array_like, shape (1, m) or (m,)
        Predicted labels (0/1 floats from ``predict`` are fine).
    class_names : sequence of str or bytes
        Names indexed by label.
    max_images : int, default 10
        Show at most this many (the first mislabeled ones in data order).
    image_shape : tuple, optional (keyword-only)
        Shape of one image when ``X_orig`` is flattened.

    Returns
    -------
    fig : matplotlib.figure.Figure
        One axes per shown image (every title red), with a suptitle
        ``"Mislabeled: k of m"``; a single text panel when nothing is mislabeled.
    """
    true = _label_vector(Y)
    pred = _label_vector(predictions, "predictions")
    if true.shape != pred.shape:
        raise ValueError(f"Y has {true.shape[0]} labels but predictions has {pred.shape[0]}")
    wrong = np.flatnonzero(true != pred)
    if wrong.size == 0:
        fig, ax = plt.subplots(figsize=(4, 1))
        ax.axis("off")
        ax.text(0.5, 0.5, f"no mislabeled examples among {true.size}", ha="center", va="center")
        return fig
    fig = plot_image_grid(
        X_orig,
        true,
        pred,
        class_names=class_names,
        ncols=5,
        max_images=max_images,
        image_shape=image_shape,
        indices=wrong,
    )
    fig.suptitle(f"Mislabeled: {wrong.size} of {true.size}")
    return fig


def _format_seconds(value: float) -> str:
    if value >= 1.0:
        return f"{value:.2f} s"
    if value >= 1e-3:
        return f"{value * 1e3:.2f} ms"
    return f"{value * 1e6:.1f} µs"


def plot_timings(labels, seconds, ax=None, title=None, *, log=False):
    """Bar chart of run times, e.g. a Python loop against the vectorized numpy version.

    Parameters
    ----------
    labels : sequence of str, length k
        One name per bar.
    seconds : sequence of float, length k
        Times in seconds; each bar is annotated with its value in s, ms or µs.
    ax : matplotlib.axes.Axes, optional
    title : str, optional
    log : bool, default False (keyword-only)
        Use a logarithmic y axis (useful when times differ by orders of magnitude).

    Returns
    -------
    ax : matplotlib.axes.Axes
        With ``k`` bars (``ax.patches``).
    """
    labels = [str(label) for label in labels]
    values = np.asarray(seconds, dtype=np.float64).ravel()
    if len(labels) != values.size:
        raise ValueError(f"{len(labels)} labels but {values.size} timings")
    if np.any(values < 0) or not np.all(np.isfinite(values)):
        raise ValueError("timings must be finite and non-negative")
    ax = _new_axes(ax)
    bars = ax.bar(labels, values, color="tab:blue")
    ax.bar_label(bars, labels=[_format_seconds(v) for v in values], fontsize="small")
    if log:
        ax.set_yscale("log")
    ax.set_ylabel("time (seconds, log scale)" if log else "time (seconds)")
    ax.set_xlabel("implementation")
    if title is not None:
        ax.set_title(title)
    return ax
