"""What runs in the learner's kernel: the self-check and the quiz format check."""
