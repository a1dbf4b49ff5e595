"""nbgrader preprocessors that plug the judge into nbgrader."""
