"""What suite authors write with: cases, the graded marker, comparisons, scoring, mistakes."""
