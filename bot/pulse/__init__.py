"""Pulse: how each pairing is going, heard early. After a pair's first meeting is logged each of
the two is asked, alone in their own DM, whether the fit feels right; then a one-question pulse
comes every so often. Answers reach nobody: the team sees counts only, and a worrying answer (or
two that differ widely) raises a notice that names the pair, never who said what. A pair that has
not met for the programme's number of working days is flagged too (bot/concerns raises both)."""
