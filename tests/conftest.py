"""Test-wide settings and the one released course the batch tests share.

One BLAS thread: the suites run many tiny matrix products, and on a shared 2-core machine two
OpenBLAS threads per process compete with pytest's own work and with grading workers (one
product was measured 30x slower). Set before numpy is first imported; `make test` sets it too.
"""

import os
import shutil
import tempfile
from pathlib import Path

import pytest

from tests.wheel_env import RUN_DIR

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")

RELEASED_ASSIGNMENT = "C1W3_planar_classification"

# Tests that need a slow-to-build environment, by file name. When the run includes one, the
# build starts in a background thread as soon as the tests are collected, so that its pip
# install (about a minute each) overlaps with the unit tests instead of waiting for them.
NEEDS_STUDENT_ENV = {
    "test_student_release.py",
    "test_exchange_round_trip.py",
    "test_student_browser.py",
}
NEEDS_WHEEL_ENV = {"test_wheel_install.py", "test_own_course.py"}


def pytest_configure(config):
    """Name a folder the whole run shares, before pytest-xdist starts its workers (they
    inherit the environment): the wheel environment is built there once for every worker."""
    if "PYTEST_XDIST_WORKER" not in os.environ and RUN_DIR not in os.environ:
        os.environ[RUN_DIR] = tempfile.mkdtemp(prefix="dlcourse-tests-")
        config._dlcourse_run_dir = os.environ[RUN_DIR]


def pytest_unconfigure(config):
    folder = getattr(config, "_dlcourse_run_dir", None)
    if folder:
        shutil.rmtree(folder, ignore_errors=True)
        os.environ.pop(RUN_DIR, None)


def pytest_collection_modifyitems(session, config, items):
    """Run the tests that need a built environment last (in their usual order): their build
    then overlaps with every other test instead of keeping the run waiting (the wheel test
    waited about a minute for its build when it ran among the autograder tests)."""
    late = NEEDS_STUDENT_ENV | NEEDS_WHEEL_ENV
    items.sort(key=lambda item: Path(str(item.fspath)).name in late)


def pytest_collection_finish(session):
    from tests import student_env, wheel_env

    files = {Path(str(item.fspath)).name for item in session.items}
    if files & NEEDS_STUDENT_ENV:
        student_env.start_building()
    if files & NEEDS_WHEEL_ENV:
        wheel_env.start_building()


@pytest.fixture(scope="session")
def released_template(tmp_path_factory) -> Path:
    """A course folder (``nbgrader_config.py``, ``solutions/`` and ``assignments/`` of
    C1W3_planar_classification, ``gradebook.db``) released ONCE per session with
    ``dlcourse release``. Releasing runs nbgrader and creates a gradebook (about 14 s each on an
    idle CI box); seven batch and HTML fixtures used to do it each on their own. Never write in
    it: take a private copy with :func:`copy_course`."""
    from autograder import api, course

    root = tmp_path_factory.mktemp("released_template")
    shutil.copy(course.course_root() / "nbgrader_config.py", root)
    shutil.copytree(
        course.source_notebook(RELEASED_ASSIGNMENT).parent,
        root / "solutions" / RELEASED_ASSIGNMENT,
    )
    api.release([RELEASED_ASSIGNMENT], root=root)
    return root


def copy_course(template: Path, root: Path) -> Path:
    """A private copy of a released course at ``root`` (whole folders, links kept as links, so
    it does not depend on what a release folder holds)."""
    shutil.copytree(template, root, symlinks=True)
    return root
