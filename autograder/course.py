"""Where the course lives: the course folder, its notebooks, the grading suites and secret.

A course folder is an nbgrader course root: it holds ``nbgrader_config.py`` (which maps
``source`` to ``solutions/`` and ``release`` to ``assignments/``), the grading secret
(``.dlcourse/secret``), the gradebook and the student folders. Every command works on one, found
as nbgrader finds its course, in this order (:func:`course_root`):

1. ``--course DIR`` on the command line (the CLI puts it in ``DLCOURSE_ROOT`` for the command
   and every process it starts);
2. the environment variable ``DLCOURSE_ROOT``;
3. the nearest folder at or above the current directory that holds ``nbgrader_config.py``;
4. the source checkout the package runs from (an editable install of this repository), so
   ``make demo`` and the tests work from anywhere;
5. otherwise :class:`NoCourseFolder` (``dlcourse`` exits 2 and says what to do).

The grading suites are the grader's own and stay in the package (:func:`suites_dir`).
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import re
import secrets
import tomllib
from pathlib import Path
from types import ModuleType

ENV_ROOT = "DLCOURSE_ROOT"
ENV_SECRET = "DLCOURSE_SECRET"
ENV_DB_URL = "DLCOURSE_DB_URL"


COURSE_CONFIG = "nbgrader_config.py"
NO_COURSE_MESSAGE = "no course folder here: run `dlcourse init DIR` or pass --course DIR"


class UnknownAssignment(Exception):
    """No suite exists for that assignment name."""


class NoCourseFolder(Exception):
    """No course folder was named and none holds the current directory."""


def course_root() -> Path:
    """The course folder every command works on (the order is in the module docstring).

    Raises :class:`NoCourseFolder` when none is found; a folder named by ``DLCOURSE_ROOT`` (or
    ``--course``) is taken as given, so that ``dlcourse init`` and tests can point at a folder
    that is still being filled.
    """
    if os.environ.get(ENV_ROOT):
        return Path(os.environ[ENV_ROOT]).expanduser().resolve()
    found = find_course_folder(Path.cwd())
    if found is not None:
        return found
    checkout = source_checkout()
    if checkout is not None:
        return checkout
    raise NoCourseFolder(NO_COURSE_MESSAGE)


def find_course_folder(start: Path) -> Path | None:
    """The nearest folder at or above ``start`` that holds ``nbgrader_config.py``, as git finds
    its repository; ``None`` when there is none up to the file-system root."""
    start = Path(start).resolve()
    for folder in (start, *start.parents):
        if (folder / COURSE_CONFIG).is_file():
            return folder
    return None


def source_checkout() -> Path | None:
    """The repository this package is imported from, when it runs from a source checkout (an
    editable install, or the repository on ``sys.path``) that is a course: the folder holding
    the package has ``pyproject.toml`` and ``nbgrader_config.py``. ``None`` for a wheel
    install (``site-packages`` holds neither)."""
    folder = Path(__file__).resolve().parent.parent
    if (folder / "pyproject.toml").is_file() and (folder / COURSE_CONFIG).is_file():
        return folder
    return None


def suites_dir() -> Path:
    return Path(__file__).resolve().parent / "suites"


def known_assignments() -> list[str]:
    """Assignments with a grading suite, in curriculum order."""
    return sorted(path.parent.name for path in suites_dir().glob("C[0-9]W[0-9]_*/suite.py"))


def require_known(assignment: str) -> None:
    """Raise :class:`UnknownAssignment` unless ``assignment`` has a suite (without importing
    it: a suite imports the reference and numpy, half a second)."""
    if assignment not in known_assignments():
        raise UnknownAssignment(
            f"unknown assignment {assignment!r}; known: {', '.join(known_assignments()) or 'none'}"
        )


def suite_module(assignment: str) -> ModuleType:
    require_known(assignment)
    return importlib.import_module(f"autograder.suites.{assignment}.suite")


def assignment_dir(assignment: str) -> Path:
    """The folder that holds everything of one assignment: suite, given modules, quiz, samples."""
    return suites_dir() / assignment


def suite_path(assignment: str) -> Path:
    return assignment_dir(assignment) / "suite.py"


def given_modules(assignment: str) -> list[str]:
    """The ``dlutils`` modules the learner is given and the worker receives whole, as files.

    Read from ``suites/<assignment>/given.toml`` (key ``modules``): the modules whose functions
    the answer cells may call. Every assignment has that file (``modules = []`` for a quiz).
    """
    return list(_given_table(assignment)["modules"])


def notebook_only_modules(assignment: str) -> list[str]:
    """The ``dlutils`` modules only the notebook's own cells use (data sets, plots): the key
    ``notebook_only`` of ``given.toml``. They are never sent to the grading worker."""
    return list(_given_table(assignment).get("notebook_only", []))


def _given_table(assignment: str) -> dict:
    path = assignment_dir(assignment) / "given.toml"
    if not path.is_file():
        raise FileNotFoundError(
            f"{assignment!r} has no {path}; every assignment lists its given dlutils modules "
            'there, e.g. modules = ["activations"] (modules = [] when none)'
        )
    with path.open("rb") as handle:
        table = tomllib.load(handle)
    for key in ("modules", "notebook_only"):
        names = table.get(key, [])
        if not (isinstance(names, list) and all(isinstance(name, str) for name in names)):
            raise ValueError(f"{path}: {key} must be a list of dlutils module names")
    if "modules" not in table:
        raise ValueError(f"{path} has no modules = [...] list (write modules = [] for none)")
    return table


def reference_dir() -> Path:
    """The folder of the ``dlutils`` package, where the given module files are read from.

    Found without importing ``dlutils`` (the judge never needs its code for this).
    """
    spec = importlib.util.find_spec("dlutils")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the dlutils package cannot be found; install the course (pip -e .)")
    return Path(next(iter(spec.submodule_search_locations))).resolve()


def is_quiz(assignment: str) -> bool:
    """True for a multiple-choice quiz: its folder holds ``quiz.toml``."""
    return (assignment_dir(assignment) / "quiz.toml").is_file()


def samples(assignment: str) -> list:
    """The classic mistakes planted in the solution of ``assignment`` (a list of
    :class:`~autograder.kit.mistakes.Sample`), read from ``suites/<assignment>/samples.toml``,
    or ``[]`` when the assignment has no such file. The first one is the demo's."""
    from autograder.kit.mistakes import read_samples

    suite_module(assignment)  # UnknownAssignment for a name without a suite
    path = assignment_dir(assignment) / "samples.toml"
    return read_samples(path) if path.is_file() else []


def source_notebook(assignment: str) -> Path:
    return course_root() / "solutions" / assignment / f"{assignment}.ipynb"


def release_notebook(assignment: str) -> Path:
    return course_root() / "assignments" / assignment / f"{assignment}.ipynb"


def grading_secret() -> bytes:
    """The secret that seeds hidden cases: ``DLCOURSE_SECRET``, else ``.dlcourse/secret``.

    The file is created on first use with 32 random bytes, readable by its owner only. Keep it
    out of students' reach: anyone who has it can predict the hidden inputs.
    """
    if os.environ.get(ENV_SECRET):
        return os.environ[ENV_SECRET].encode()
    path = secret_path(course_root())
    if not path.exists():
        write_new_secret(path)
    return path.read_text().strip().encode()


def secret_path(root: Path) -> Path:
    """Where a course folder keeps its grading secret."""
    return Path(root) / ".dlcourse" / "secret"


def write_new_secret(path: Path) -> None:
    """Create ``path`` with 32 fresh random bytes (hex), readable by its owner only (0600).

    Never overwrites: an existing file raises :class:`FileExistsError`, since replacing a
    course's secret changes every hidden case and so every stored fingerprint.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w") as handle:
        handle.write(secrets.token_hex(32))


def gradebook_url(root: Path) -> str:
    """The SQLAlchemy URL of the course's nbgrader gradebook, in this order:

    1. ``DLCOURSE_DB_URL`` (``--db URL`` on the command line sets it for the command and every
       process it starts);
    2. ``c.CourseDirectory.db_url`` when the course's ``nbgrader_config.py`` sets one (the
       formgrader and ``nbgrader`` itself read the same line);
    3. the SQLite file ``gradebook.db`` in the course folder (the default).

    Every URL goes through :func:`database_url`."""
    url = os.environ.get(ENV_DB_URL) or configured_db_url(root)
    return database_url(url or f"sqlite:///{Path(root) / 'gradebook.db'}")


def configured_db_url(root: Path) -> str | None:
    """``c.CourseDirectory.db_url`` of ``root``'s ``nbgrader_config.py``, or ``None`` when the
    folder has no such file or the file sets no URL. Read with traitlets' own loader (the file
    is Python: it runs, as it does when nbgrader reads it).

    Running it imports nbgrader and nbconvert, about 2 s, so it runs only when a line of code
    in it (not a comment) names ``db_url`` as a word (``c.CourseDirectory.db_url``). The shipped
    file names none: it follows ``DLCOURSE_DB_URL`` through :func:`follow_db_url_variable`, and
    that variable is read first anyway."""
    from traitlets.config.loader import PyFileConfigLoader

    path = Path(root) / COURSE_CONFIG
    if not path.is_file():
        return None
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    code = [line for line in lines if not line.lstrip().startswith("#")]
    if not any(re.search(r"\bdb_url\b", line) for line in code):
        return None
    config = PyFileConfigLoader(COURSE_CONFIG, path=str(root)).load_config()
    url = config.CourseDirectory.get("db_url")
    return url if isinstance(url, str) and url else None


def follow_db_url_variable(config) -> None:
    """For an ``nbgrader_config.py``: when ``DLCOURSE_DB_URL`` is set (``dlcourse --db URL``
    sets it), it is nbgrader's gradebook too, so ``nbgrader`` and the formgrader started with it
    use the gradebook ``dlcourse`` does. Unset, nbgrader keeps its own setting (by default
    ``gradebook.db`` in the course root)."""
    if os.environ.get(ENV_DB_URL):
        config.CourseDirectory.db_url = database_url(os.environ[ENV_DB_URL])


# libpq waits for an unreachable host as long as the network does; grading should say so
# within seconds instead.
CONNECT_TIMEOUT_SECONDS = 10


def database_url(url: str) -> str:
    """``url`` as SQLAlchemy should open it. PostgreSQL URLs get the psycopg 3 driver (a plain
    ``postgresql://`` or ``postgres://`` URL would make SQLAlchemy look for psycopg2, which
    dlcourse does not install; a URL naming its driver keeps it) and a ``connect_timeout`` of
    :data:`CONNECT_TIMEOUT_SECONDS` unless they name one. Other URLs are returned as given."""
    if not url.startswith("postgres"):
        return url  # without importing SQLAlchemy (0.3 s): SQLite is the common case
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    backend, _, driver = parsed.drivername.partition("+")
    if backend not in ("postgresql", "postgres"):
        return url
    parsed = parsed.set(drivername=f"postgresql+{driver or 'psycopg'}")
    if "connect_timeout" not in parsed.query:
        parsed = parsed.update_query_dict({"connect_timeout": str(CONNECT_TIMEOUT_SECONDS)})
    return parsed.render_as_string(hide_password=False)


def shown_url(url: str) -> str:
    """``url`` fit to print: its password replaced by ``***`` (and nothing of a URL that does
    not parse, which might be a password typed in the wrong place)."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        return make_url(url).render_as_string(hide_password=True)
    except (ArgumentError, ValueError):
        return "(a database URL that does not parse)"


def curriculum_dir() -> Path:
    """The shipped curriculum ``dlcourse init`` copies: the folder holding ``solutions/`` and
    ``nbgrader_config.py``. A wheel carries it as ``autograder/curriculum/`` (``setup.py``'s
    build step puts it there); a source checkout is its own curriculum."""
    shipped = Path(__file__).resolve().parent / "curriculum"
    for folder in (shipped, source_checkout()):
        if folder is not None and (folder / "solutions").is_dir():
            if (folder / COURSE_CONFIG).is_file():
                return folder
    raise FileNotFoundError(
        f"this dlcourse installation ships no curriculum (no {shipped / 'solutions'}); "
        "reinstall it from a wheel built with its setup.py, or install the repository with "
        "pip install -e ."
    )
