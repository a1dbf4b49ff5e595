"""nbgrader configuration: this repository is the course root.

``solutions/`` is nbgrader's source directory and ``assignments/`` its release directory.
``nbgrader autograde`` grades through dlcourse's isolated engine (IsolatedGrade replaces the
Execute preprocessor, so no test runs in the student's kernel), and feedback never shows the
hidden-test regions.
"""

from pathlib import Path

from nbconvert.preprocessors import ClearMetadataPreprocessor, CSSHTMLHeaderPreprocessor
from nbgrader.preprocessors import (
    AssignLatePenalties,
    CheckCellMetadata,
    ClearHiddenTests,
    GetGrades,
    LimitOutput,
    SaveAutoGrades,
)

from autograder.nbgrader_plugin import IsolatedGrade

c = get_config()  # noqa: F821 - provided by nbgrader when it loads this file

c.CourseDirectory.root = str(Path(__file__).resolve().parent)
c.CourseDirectory.course_id = "dlcourse"
c.CourseDirectory.source_directory = "solutions"
c.CourseDirectory.release_directory = "assignments"
c.CourseDirectory.db_url = "sqlite:///" + str(Path(__file__).resolve().parent / "gradebook.db")

c.Autograde.autograde_preprocessors = [
    IsolatedGrade,
    ClearMetadataPreprocessor,
    LimitOutput,
    SaveAutoGrades,
    AssignLatePenalties,
    CheckCellMetadata,
]
c.GenerateFeedback.preprocessors = [GetGrades, ClearHiddenTests, CSSHTMLHeaderPreprocessor]
