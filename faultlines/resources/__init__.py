"""Packaged data: lexicons, patterns and label sets (heuristics as data)."""
