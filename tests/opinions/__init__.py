"""Tests of the opinion groups (``kit/opinions``)."""
