"""nbgrader configuration: this repository is the course root.

``solutions/`` is nbgrader's source directory and ``assignments/`` its release directory.
``nbgrader autograde`` grades through dlcourse's isolated engine (IsolatedGrade replaces the
Execute preprocessor, so no test runs in the student's kernel), and feedback never shows the
hidden-test regions.

Student HTML never renders live: SanitizeStudentHTML cleans every markdown and raw cell that is
not the release's (and keeps only the text of outputs) in the autograded copy the formgrader
shows and in the feedback pages, and refuses unsafe student ids. A pasted or duplicated
nbgrader cell fails or is ignored for that student only: DropDuplicateCells runs before
nbgrader's own de-duplication (whose ``{}`` metadata makes CheckCellMetadata raise
SchemaTooOldError and stop the whole run), and CheckCellMetadataPerStudent turns a schema
mismatch into an error of that student.
"""

from pathlib import Path

from nbconvert.preprocessors import ClearMetadataPreprocessor, CSSHTMLHeaderPreprocessor
from nbgrader.coursedir import CourseDirectory
from nbgrader.preprocessors import (
    AssignLatePenalties,
    ClearHiddenTests,
    ClearOutput,
    DeduplicateIds,
    GetGrades,
    LimitOutput,
    OverwriteCells,
    OverwriteKernelspec,
    SaveAutoGrades,
)

from autograder.course import follow_db_url_variable
from autograder.nbgrader.preprocessors import (
    CheckCellMetadataPerStudent,
    DropDuplicateCells,
    IsolatedGrade,
    SanitizeStudentHTML,
    safe_existing_timestamp,
)

c = get_config()  # noqa: F821 - provided by nbgrader when it loads this file

# nbgrader reads a student's timestamp.txt itself, following symlinks and stopping the whole run
# on a value it cannot parse; use dlcourse's reader, which never raises (see the function).
CourseDirectory.get_existing_timestamp = safe_existing_timestamp

c.CourseDirectory.root = str(Path(__file__).resolve().parent)
c.CourseDirectory.course_id = "dlcourse"
c.CourseDirectory.source_directory = "solutions"
c.CourseDirectory.release_directory = "assignments"
# The gradebook: nbgrader's default, gradebook.db in this folder, unless DLCOURSE_DB_URL names
# another (`dlcourse --db URL` sets it). To make a PostgreSQL server this course's gradebook,
# assign its URL (postgresql://USER@HOST:PORT/DATABASE) to CourseDirectory's db_url below;
# README.md, "A PostgreSQL gradebook".
follow_db_url_variable(c)

c.Autograde.sanitize_preprocessors = [
    DropDuplicateCells,
    ClearOutput,
    DeduplicateIds,
    OverwriteKernelspec,
    OverwriteCells,
    CheckCellMetadataPerStudent,
]
c.Autograde.autograde_preprocessors = [
    IsolatedGrade,
    SanitizeStudentHTML,
    ClearMetadataPreprocessor,
    LimitOutput,
    SaveAutoGrades,
    AssignLatePenalties,
    CheckCellMetadataPerStudent,
]
c.GenerateFeedback.preprocessors = [
    SanitizeStudentHTML,
    GetGrades,
    ClearHiddenTests,
    CSSHTMLHeaderPreprocessor,
]
