"""nbgrader configuration for a student's JupyterLab (template: copy it into the student's
Jupyter config directory, ``~/.jupyter/`` or the folder ``JUPYTER_CONFIG_DIR`` names).

The student side needs only two facts: which course the Assignment List shows and fetches from
(``course_id``, the same as the instructor's ``nbgrader_config.py`` at the course root), and
where nbgrader's exchange lives (``Exchange.root``, a folder the instructor and every student
can reach, e.g. a shared volume on JupyterHub). The exchange is read from the environment
variable ``DLCOURSE_EXCHANGE`` when it is set, so one image serves several deployments;
otherwise nbgrader's usual default location is used.

Nothing here imports the course project: a student's environment does not have it.
"""

import os

c = get_config()  # noqa: F821 - provided by nbgrader when it loads this file

c.CourseDirectory.course_id = "dlcourse"
c.Exchange.root = os.environ.get("DLCOURSE_EXCHANGE", "/srv/nbgrader/exchange")
