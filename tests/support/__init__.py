"""Helpers every test package shares: data sets, store fixtures, comparisons."""
