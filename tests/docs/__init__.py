"""Specs that keep the documentation honest: examples, notebook and site build."""
