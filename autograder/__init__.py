"""The isolated grading engine and the dlcourse command line."""
