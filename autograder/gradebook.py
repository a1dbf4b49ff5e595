"""Opening nbgrader's gradebook at a URL (SQLite by default, or PostgreSQL when several graders
write at once), and telling a lost race from a real error.

The URL comes from :func:`autograder.course.gradebook_url`. A database that cannot be opened
(server down, wrong port, password or database name) raises :class:`GradebookUnavailable`,
whose message names the URL with its password hidden and says what to check; ``dlcourse``
exits 2 with it. No message here ever holds a password.
"""

from __future__ import annotations

from autograder.course import shown_url

WHERE_THE_URL_COMES_FROM = (
    "--db, DLCOURSE_DB_URL, or c.CourseDirectory.db_url in the course's nbgrader_config.py"
)

# PostgreSQL's codes for a write that lost a race with another grading process: a unique
# violation (two processes adding the same new student or submission), a serialization failure
# and a deadlock. Rolling back and writing again succeeds.
RACE_SQLSTATES = frozenset({"23505", "40001", "40P01"})


class GradebookUnavailable(Exception):
    """The gradebook's database cannot be opened; the message says what to check."""


def open_gradebook(url: str):
    """nbgrader's ``Gradebook`` at ``url`` (its tables are created when the database is empty).

    SQLite's "database is locked" is raised as it is, for the callers that wait on the lock;
    any other failure to connect raises :class:`GradebookUnavailable`."""
    from nbgrader.api import Gradebook
    from sqlalchemy.exc import ArgumentError, NoSuchModuleError, OperationalError

    try:
        return Gradebook(url)
    except OperationalError as error:
        if "locked" in str(error):
            raise
        raise GradebookUnavailable(unavailable_message(url, error)) from None
    except (ArgumentError, NoSuchModuleError, ModuleNotFoundError) as error:
        raise GradebookUnavailable(bad_url_message(url, error)) from None


def bad_url_message(url: str, error: BaseException) -> str:
    """A URL SQLAlchemy cannot use (it does not parse, or names a driver that is missing)."""
    return (
        f"cannot open the gradebook at {shown_url(url)}: {type(error).__name__}; write the "
        "URL as postgresql://USER@HOST:PORT/DATABASE or sqlite:///PATH "
        f"(set by {WHERE_THE_URL_COMES_FROM})"
    )


def unavailable_message(url: str, error: BaseException) -> str:
    """What went wrong connecting to ``url``, in the driver's words (first line, password
    masked), and what to check next."""
    from sqlalchemy.engine import make_url

    reason = str(getattr(error, "orig", None) or error).strip().splitlines()[0]
    password = make_url(url).password
    if password:
        reason = reason.replace(str(password), "***")
    return (
        f"cannot open the gradebook at {shown_url(url)}: {reason}. Check that the database "
        "server runs and accepts connections from this machine, and the user, password and "
        f"database name in the URL (set by {WHERE_THE_URL_COMES_FROM})"
    )


def lost_race(error: BaseException) -> bool:
    """True when ``error``, or an error it was raised from (nbgrader re-raises SQLAlchemy's
    errors as its own ``InvalidEntry``), is PostgreSQL saying the write lost a race with
    another process (:data:`RACE_SQLSTATES`)."""
    seen: BaseException | None = error
    for _ in range(8):  # a chain is two or three long; never loop on a cycle
        if seen is None:
            return False
        if getattr(getattr(seen, "orig", None), "sqlstate", None) in RACE_SQLSTATES:
            return True
        seen = seen.__cause__ or seen.__context__
    return False

