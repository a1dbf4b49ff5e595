"""dlutils: the reference implementation of every graded function in the course."""
