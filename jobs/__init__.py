"""Scheduling: thin layers over `tracker` functions."""
