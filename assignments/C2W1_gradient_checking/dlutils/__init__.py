"""The modules of the course's library that this assignment gives you (the
grader gets the same files). Written by ``dlcourse release``."""
