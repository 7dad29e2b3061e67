"""Cohorts: each run of the scheme (2025-26, 2026-27, …) and how the next is started from the
last: its programme file written afresh, every date a year on and marked to confirm."""
