"""Tests of the benchmark commands (``kit/bench``)."""
