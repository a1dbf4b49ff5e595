"""One module per dlcourse verb."""
