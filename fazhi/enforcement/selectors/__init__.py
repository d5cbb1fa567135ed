"""Enforcement reads, always scoped by the user (ADR 0002): cases.py, publicity.py, catalogue.py."""
