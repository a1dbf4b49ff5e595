"""Tests for dlutils.plotting: each function draws the expected artists and never shows."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib.axes import Axes  # noqa: E402
from matplotlib.collections import PathCollection  # noqa: E402
from matplotlib.colors import to_rgba  # noqa: E402
from matplotlib.contour import QuadContourSet  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from dlutils.plotting import (  # noqa: E402
    plot_2d_data,
    plot_cost_curves,
    plot_costs,
    plot_decision_boundary,
    plot_image_grid,
    plot_mislabeled,
    plot_timings,
)

RED = to_rgba("red")


@pytest.fixture(autouse=True)
def _no_show_and_close(monkeypatch):
    """Fail if anything calls plt.show(); close every figure after each test."""

    def forbidden(*args, **kwargs):
        raise AssertionError("plotting functions must not call plt.show()")

    monkeypatch.setattr(plt, "show", forbidden)
    yield
    plt.close("all")


def _scatter_collections(ax):
    return [c for c in ax.collections if isinstance(c, PathCollection)]


def _two_class_data(m=40, seed=0):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((2, m)) * 3.0 + np.array([[5.0], [-2.0]])
    Y = (X[0:1] > 5.0).astype(np.float64)
    return X, Y


# ------------------------------------------------------------------------------------------
# plot_2d_data
# ------------------------------------------------------------------------------------------


def test_plot_2d_data_one_scatter_per_class_with_the_right_points():
    X, Y = _two_class_data()
    ax = plot_2d_data(X, Y, title="data")
    assert isinstance(ax, Axes)
    scatters = _scatter_collections(ax)
    assert len(scatters) == 2
    for k, collection in enumerate(scatters):
        mask = Y[0] == k
        np.testing.assert_array_equal(collection.get_offsets(), X[:, mask].T)
        assert collection.get_label() == f"class {k}"
    assert ax.get_title() == "data"
    assert ax.get_xlabel() and ax.get_ylabel()
    assert ax.get_legend() is not None


def test_plot_2d_data_accepts_flat_int_labels_multiclass_and_an_existing_axes():
    rng = np.random.default_rng(1)
    X = rng.standard_normal((2, 30))
    Y = np.repeat(np.arange(3), 10)  # (m,) ints, 3 classes
    fig, ax = plt.subplots()
    out = plot_2d_data(X, Y, ax=ax)
    assert out is ax
    assert len(_scatter_collections(ax)) == 3
    colors = {tuple(c.get_facecolor()[0]) for c in _scatter_collections(ax)}
    assert len(colors) == 3  # distinct colours per class


def test_plot_2d_data_rejects_bad_shapes():
    X, Y = _two_class_data()
    with pytest.raises(ValueError, match=r"\(2, m\)"):
        plot_2d_data(X.T, Y)
    with pytest.raises(ValueError, match="labels"):
        plot_2d_data(X, Y[:, :-1])


# ------------------------------------------------------------------------------------------
# plot_decision_boundary
# ------------------------------------------------------------------------------------------


def test_plot_decision_boundary_has_contour_and_scatter_and_calls_predict_once():
    X, Y = _two_class_data()
    X_before = X.copy()
    calls = []

    def predict_fn(points):
        calls.append(points.copy())
        return (points[0:1] > 5.0).astype(np.float64)  # (1, k) labels

    ax = plot_decision_boundary(predict_fn, X, Y, title="boundary", resolution=50)
    assert isinstance(ax, Axes)
    assert any(isinstance(c, QuadContourSet) for c in ax.collections)
    assert len(_scatter_collections(ax)) == 2
    assert ax.get_title() == "boundary"
    assert len(calls) == 1
    points = calls[0]
    assert points.shape == (2, 50 * 50)
    assert points.dtype == np.float64
    # the grid covers the data with a margin on every side
    assert np.all(points.min(axis=1) < X.min(axis=1))
    assert np.all(points.max(axis=1) > X.max(axis=1))
    np.testing.assert_array_equal(X, X_before)


def test_plot_decision_boundary_regions_follow_the_predictions():
    X, Y = _two_class_data()

    def predict_fn(points):
        return (points[0] > 5.0).astype(int)  # (k,) is accepted too

    ax = plot_decision_boundary(predict_fn, X, Y, resolution=40)
    contour = next(c for c in ax.collections if isinstance(c, QuadContourSet))
    # levels separate label 0 from label 1 at 0.5
    np.testing.assert_allclose(contour.levels, [-0.5, 0.5, 1.5])
    left, right = ax.get_xlim()
    assert left < X[0].min() and right > X[0].max()


def test_plot_decision_boundary_regions_have_their_points_colour_and_a_legend_entry():
    """Issue 14: the regions were drawn in other colours than the points (orange and green
    under red and purple) and the legend named only the points."""
    X, Y = _two_class_data()

    def predict_fn(points):
        return (points[0:1] > 5.0).astype(np.float64)

    ax = plot_decision_boundary(predict_fn, X, Y, resolution=40, class_names=["y = 0", "y = 1"])
    contour = next(c for c in ax.collections if isinstance(c, QuadContourSet))
    region_colors = [contour.cmap(contour.norm(level)) for level in contour.layers]
    point_colors = [tuple(c.get_facecolor()[0]) for c in _scatter_collections(ax)]
    np.testing.assert_allclose(np.array(region_colors)[:, :3], np.array(point_colors)[:, :3])
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels == ["y = 0", "y = 1", "predicted y = 0", "predicted y = 1"]


def test_plot_2d_data_class_names_label_the_legend():
    X, Y = _two_class_data()
    ax = plot_2d_data(X, Y, class_names=["three", "eight"])
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["three", "eight"]
    ax = plot_2d_data(X, Y)
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["class 0", "class 1"]


def test_plot_decision_boundary_rejects_wrong_prediction_size():
    X, Y = _two_class_data()
    with pytest.raises(ValueError, match="predict_fn"):
        plot_decision_boundary(lambda P: np.zeros((1, 3)), X, Y, resolution=10)


# ------------------------------------------------------------------------------------------
# plot_costs and plot_cost_curves
# ------------------------------------------------------------------------------------------


def test_plot_costs_x_axis_in_iterations_and_title_with_learning_rate():
    costs = [0.69, 0.5, 0.3, 0.2]
    ax = plot_costs(costs, learning_rate=0.0075, every=100)
    (line,) = ax.get_lines()
    np.testing.assert_array_equal(line.get_xdata(), [0, 100, 200, 300])
    np.testing.assert_array_equal(line.get_ydata(), costs)
    assert ax.get_title() == "Learning rate = 0.0075"
    assert ax.get_xlabel() == "iteration"
    assert ax.get_ylabel() == "cost"


def test_plot_costs_overlays_on_an_existing_axes_with_labels():
    ax = plot_costs(np.array([1.0, 0.5]), label="a")
    plot_costs([2.0, 1.0, 0.5], every=10, ax=ax, label="b")
    assert len(ax.get_lines()) == 2
    np.testing.assert_array_equal(ax.get_lines()[1].get_xdata(), [0, 10, 20])
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["a", "b"]


def test_plot_cost_curves_one_line_per_label_in_order():
    curves = {"lr=0.01": [0.7, 0.6], "lr=0.001": [0.7, 0.69, 0.68], "lr=0.0001": [0.7]}
    ax = plot_cost_curves(curves, every=100)
    lines = ax.get_lines()
    assert [line.get_label() for line in lines] == list(curves)
    for line, costs in zip(lines, curves.values(), strict=True):
        np.testing.assert_array_equal(line.get_ydata(), costs)
    assert [t.get_text() for t in ax.get_legend().get_texts()] == list(curves)


def test_plot_costs_rejects_empty():
    with pytest.raises(ValueError):
        plot_costs([])
    with pytest.raises(ValueError):
        plot_cost_curves({})


# ------------------------------------------------------------------------------------------
# plot_image_grid and plot_mislabeled
# ------------------------------------------------------------------------------------------


def _images(m, h=6, w=5, c=1, seed=0):
    rng = np.random.default_rng(seed)
    return rng.integers(0, 256, size=(m, h, w, c), dtype=np.uint8)


def _image_axes(fig):
    return [ax for ax in fig.axes if ax.images]


def test_plot_image_grid_one_axes_per_image_with_the_image_data():
    images = _images(7)
    labels = np.array([[0, 1, 1, 0, 1, 0, 0]])
    fig = plot_image_grid(images, labels, class_names=[b"three", b"eight"], ncols=5)
    assert isinstance(fig, Figure)
    axes = _image_axes(fig)
    assert len(axes) == 7
    assert len(fig.axes) == 7  # unused grid cells are removed
    for i, ax in enumerate(axes):
        np.testing.assert_array_equal(ax.images[0].get_array(), images[i, :, :, 0])
        expected = "y: eight" if labels[0, i] == 1 else "y: three"
        assert ax.get_title() == expected


def test_plot_image_grid_caps_at_max_images():
    images = _images(30)
    fig = plot_image_grid(images, np.zeros(30), max_images=20)
    assert len(_image_axes(fig)) == 20


def test_plot_image_grid_predictions_mark_mislabeled_titles_red():
    images = _images(4)
    labels = np.array([[0, 1, 1, 0]])
    predictions = np.array([[0.0, 0.0, 1.0, 1.0]])  # wrong at 1 and 3
    fig = plot_image_grid(images, labels, predictions, class_names=["cat", "dog"])
    axes = _image_axes(fig)
    titles = [ax.get_title() for ax in axes]
    assert titles == [
        "y: cat / pred: cat",
        "y: dog / pred: cat",
        "y: dog / pred: dog",
        "y: cat / pred: dog",
    ]
    colors = [to_rgba(ax.title.get_color()) for ax in axes]
    assert [c == RED for c in colors] == [False, True, False, True]


def test_plot_image_grid_accepts_flattened_columns_and_3d_stacks():
    images = _images(3, h=4, w=4)
    flat = images.reshape(3, -1).T / 255.0  # (16, 3) floats in [0, 1]
    fig = plot_image_grid(flat, np.array([0, 1, 0]))  # 16 = 4x4 inferred
    axes = _image_axes(fig)
    assert len(axes) == 3
    np.testing.assert_allclose(axes[2].images[0].get_array(), images[2, :, :, 0] / 255.0)

    rgb = np.random.default_rng(2).random((2, 3, 5, 3))
    flat_rgb = rgb.reshape(2, -1).T
    fig = plot_image_grid(flat_rgb, [1, 0], image_shape=(3, 5, 3))
    np.testing.assert_allclose(_image_axes(fig)[1].images[0].get_array(), rgb[1])

    fig = plot_image_grid(images[..., 0], [0, 0, 1])  # (m, h, w)
    assert len(_image_axes(fig)) == 3

    with pytest.raises(ValueError, match="image_shape"):
        plot_image_grid(np.zeros((15, 2)), [0, 1])


def test_plot_mislabeled_shows_only_the_mislabeled_in_red():
    images = _images(10)
    Y = np.array([[0, 1, 0, 1, 0, 1, 0, 1, 0, 1]])
    predictions = Y.astype(np.float64)
    wrong = [2, 5, 9]
    predictions[0, wrong] = 1.0 - predictions[0, wrong]
    fig = plot_mislabeled(images, Y, predictions, np.array([b"3", b"8"]))
    axes = _image_axes(fig)
    assert len(axes) == 3
    for ax, i in zip(axes, wrong, strict=True):
        np.testing.assert_array_equal(ax.images[0].get_array(), images[i, :, :, 0])
        assert to_rgba(ax.title.get_color()) == RED
    assert fig._suptitle.get_text() == "Mislabeled: 3 of 10"


def test_plot_mislabeled_respects_max_images_and_handles_none_wrong():
    images = _images(12)
    Y = np.zeros((1, 12))
    fig = plot_mislabeled(images, Y, np.ones((1, 12)), ["a", "b"], max_images=4)
    assert len(_image_axes(fig)) == 4
    fig = plot_mislabeled(images, Y, Y, ["a", "b"])
    assert isinstance(fig, Figure)
    assert not _image_axes(fig)
    assert "no mislabeled" in fig.axes[0].texts[0].get_text()


# ------------------------------------------------------------------------------------------
# plot_timings
# ------------------------------------------------------------------------------------------


def test_plot_timings_one_bar_per_label_with_heights_and_annotations():
    ax = plot_timings(["loop", "vectorized"], [1.5, 0.002], title="dot product")
    assert len(ax.patches) == 2
    np.testing.assert_allclose([p.get_height() for p in ax.patches], [1.5, 0.002])
    assert [t.get_text() for t in ax.get_xticklabels()] == ["loop", "vectorized"]
    annotations = [t.get_text() for t in ax.texts]
    assert annotations == ["1.50 s", "2.00 ms"]
    assert "seconds" in ax.get_ylabel()
    assert ax.get_title() == "dot product"
    assert ax.get_yscale() == "linear"


def test_plot_timings_log_scale_and_validation():
    ax = plot_timings(["a", "b", "c"], [1e-6, 1e-3, 1.0], log=True)
    assert ax.get_yscale() == "log"
    assert "log" in ax.get_ylabel()
    with pytest.raises(ValueError):
        plot_timings(["a"], [1.0, 2.0])
    with pytest.raises(ValueError):
        plot_timings(["a"], [-1.0])
