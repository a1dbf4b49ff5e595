"""Which course folder a command works on, and ``dlcourse init`` (fast: no wheel, no grading).

The order: ``--course DIR``, then ``DLCOURSE_ROOT``, then the nearest folder at or above the
current directory holding ``nbgrader_config.py``, then the source checkout the package runs from,
else exit 2 with a message that says what to do. The wheel install of the same flow is
``test_own_course.py``.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from autograder import cli, course
from autograder.commands.init import init_course

REPO = Path(__file__).resolve().parents[2]


def make_course(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / course.COURSE_CONFIG).write_text("c = get_config()\n")
    return folder.resolve()


@pytest.fixture
def nowhere(monkeypatch, tmp_path):
    """No ``DLCOURSE_ROOT`` (restored afterwards, also when the CLI sets it) and the current
    directory in an empty temporary folder."""
    monkeypatch.setenv(course.ENV_ROOT, "placeholder")
    monkeypatch.delenv(course.ENV_ROOT)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_the_nearest_course_folder_at_or_above_the_current_directory(nowhere, monkeypatch):
    outer = make_course(nowhere / "outer")
    inner = make_course(outer / "terms" / "inner")
    deep = inner / "submitted" / "alice"
    deep.mkdir(parents=True)
    monkeypatch.chdir(deep)
    assert course.course_root() == inner
    monkeypatch.chdir(outer / "terms")
    assert course.course_root() == outer
    monkeypatch.chdir(outer)
    assert course.course_root() == outer


def test_dlcourse_root_comes_before_the_current_directory(nowhere, monkeypatch):
    here = make_course(nowhere / "here")
    there = make_course(nowhere / "there")
    monkeypatch.chdir(here)
    monkeypatch.setenv(course.ENV_ROOT, str(there))
    assert course.course_root() == there


def test_outside_any_course_the_source_checkout_is_used(nowhere):
    # This test environment runs the package from the repository (an editable install).
    assert course.source_checkout() == REPO
    assert course.course_root() == REPO


def test_outside_any_course_without_a_checkout_is_an_error(nowhere, monkeypatch, capsys):
    monkeypatch.setattr(course, "source_checkout", lambda: None)
    with pytest.raises(course.NoCourseFolder, match="no course folder here"):
        course.course_root()
    assert cli.main(["export"]) == cli.EXIT_BAD_INPUT
    error = capsys.readouterr().err
    assert "no course folder here: run `dlcourse init DIR` or pass --course DIR" in error
    assert not list(nowhere.iterdir())  # nothing written anywhere


def test_a_wheel_layout_is_not_a_source_checkout(tmp_path, monkeypatch):
    # site-packages holds neither pyproject.toml nor nbgrader_config.py next to the package
    fake = tmp_path / "site-packages" / "autograder" / "course.py"
    fake.parent.mkdir(parents=True)
    monkeypatch.setattr(course, "__file__", str(fake))
    assert course.source_checkout() is None
    make_course(tmp_path / "site-packages")
    assert course.source_checkout() is None  # a config alone is not a checkout
    (tmp_path / "site-packages" / "pyproject.toml").write_text("")
    assert course.source_checkout() == (tmp_path / "site-packages").resolve()


@pytest.mark.parametrize("before_the_verb", [True, False])
def test_course_option_before_or_after_the_verb_wins(nowhere, monkeypatch, capsys, before_the_verb):
    here = make_course(nowhere / "here")
    named = make_course(nowhere / "named")
    monkeypatch.chdir(here)
    monkeypatch.setenv(course.ENV_ROOT, str(here))
    option = ["--course", str(named)]
    argv = [*option, "export"] if before_the_verb else ["export", *option]
    # export on a course without a gradebook names the gradebook it looked for
    assert cli.main(argv) == cli.EXIT_BAD_INPUT
    assert f"{named / 'gradebook.db'} does not exist" in capsys.readouterr().err
    assert os.environ[course.ENV_ROOT] == str(named)  # passed on to the processes it starts


def test_course_option_must_name_a_course_folder(nowhere, capsys):
    assert cli.main(["--course", str(nowhere), "export"]) == cli.EXIT_BAD_INPUT
    error = capsys.readouterr().err
    assert "not a course folder" in error and "dlcourse init" in error


def test_init_copies_the_curriculum_and_makes_a_fresh_secret(nowhere, capsys):
    assert cli.main(["init", "first"]) == cli.EXIT_OK
    assert "dlcourse release" in capsys.readouterr().out
    assert cli.main(["init", str(nowhere / "second")]) == cli.EXIT_OK
    first, second = nowhere / "first", nowhere / "second"
    shipped = REPO / "solutions"
    files = sorted(p.relative_to(shipped) for p in shipped.rglob("*") if p.is_file())
    assert files and files == sorted(
        p.relative_to(first / "solutions") for p in (first / "solutions").rglob("*") if p.is_file()
    )
    for name in files:
        assert (first / "solutions" / name).read_bytes() == (shipped / name).read_bytes()
    config = first / course.COURSE_CONFIG
    assert config.read_bytes() == (REPO / course.COURSE_CONFIG).read_bytes()
    secrets = [course.secret_path(folder) for folder in (first, second)]
    assert all(path.stat().st_mode & 0o777 == 0o600 for path in secrets)
    assert secrets[0].read_text() != secrets[1].read_text()
    assert ".dlcourse/" in (first / ".gitignore").read_text().splitlines()
    # the new folder is the course of every command run inside it
    (first / "solutions" / "C1W1_quiz").mkdir(exist_ok=True)
    os.chdir(first / "solutions" / "C1W1_quiz")
    assert course.course_root() == first.resolve()
    assert course.grading_secret() == secrets[0].read_text().strip().encode()


def test_init_refuses_a_folder_that_holds_anything(nowhere, capsys):
    folder = nowhere / "busy"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine")
    assert cli.main(["init", str(folder)]) == cli.EXIT_BAD_INPUT
    assert "not empty" in capsys.readouterr().err
    assert [p.name for p in folder.iterdir()] == ["notes.txt"]
    assert (folder / "notes.txt").read_text() == "mine"
    (nowhere / "file").write_text("x")
    assert cli.main(["init", str(nowhere / "file")]) == cli.EXIT_BAD_INPUT
    assert init_course(nowhere / "empty") and course.secret_path(nowhere / "empty").is_file()


def test_a_wheel_install_reads_the_data_it_ships(tmp_path, monkeypatch):
    """In site-packages, ``dlutils/data/`` (the build step's copy) is the data folder, even
    with another package called ``datasets`` next to ``dlutils``; a ``datasets/`` folder with
    its manifest next to the package (the repository, a release folder) comes first."""
    import importlib.util

    from dlutils import datasets

    monkeypatch.delenv(datasets.DATASETS_ENV_VAR, raising=False)
    site = tmp_path / "site-packages"
    (site / "dlutils" / "data").mkdir(parents=True)
    (site / "dlutils" / "data" / datasets.MANIFEST).write_text("")
    (site / "datasets").mkdir()  # e.g. Hugging Face's package
    (site / "datasets" / "__init__.py").write_text("")
    copy = site / "dlutils" / "datasets.py"
    copy.write_bytes(Path(datasets.__file__).read_bytes())
    spec = importlib.util.spec_from_file_location("wheel_datasets", copy)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.datasets_dir() == (site / "dlutils" / "data").resolve()
    (site / "datasets" / datasets.MANIFEST).write_text("")
    assert module.datasets_dir() == (site / "datasets").resolve()
