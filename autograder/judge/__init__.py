"""The judge: reads submissions, runs them in the sandboxed worker and scores them.

It never imports dlutils and never runs student code in its own process.
"""
