"""Feedback pages carry nbgrader's release metadata, copied safely from the student's folder.

``nbgrader release_feedback`` reads ``timestamp.txt`` and ``submission_secret.txt`` beside each
feedback page (the exchange round trip in tests/robustness/test_exchange_round_trip.py needs
them). They come from ``submitted/<student>/<A>/``, which the student controls: a symlink (to
another student's secret, or to a system file) and an oversized file are not copied.
"""

from __future__ import annotations

from autograder.api import MAX_METADATA_BYTES, _copy_release_metadata


def test_regular_files_are_copied_and_links_and_huge_files_are_not(tmp_path):
    submission, feedback, elsewhere = tmp_path / "sub", tmp_path / "fb", tmp_path / "x"
    for folder in (submission, feedback, elsewhere):
        folder.mkdir()
    (submission / "timestamp.txt").write_text("2026-11-30 12:00:00.000000 UTC")
    (elsewhere / "secret").write_text("another student's secret")
    (submission / "submission_secret.txt").symlink_to(elsewhere / "secret")
    _copy_release_metadata(submission, feedback)
    assert (feedback / "timestamp.txt").read_text() == "2026-11-30 12:00:00.000000 UTC"
    assert not (feedback / "submission_secret.txt").exists()

    (submission / "submission_secret.txt").unlink()
    (submission / "submission_secret.txt").write_text("x" * (MAX_METADATA_BYTES + 1))
    _copy_release_metadata(submission, feedback)
    assert not (feedback / "submission_secret.txt").exists()

    (submission / "submission_secret.txt").write_text("abc123")
    _copy_release_metadata(submission, feedback)
    assert (feedback / "submission_secret.txt").read_text() == "abc123"
