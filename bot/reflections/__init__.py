"""Reflections: when a pair reaches Coming to Closure, or the scheme's last month begins for a
pair still going, each of the two is asked in their own DM for a short reflection (what they
achieved, what they learned, what next in their career), and the mentee scores each goal's
confidence again; after any meeting, whoever logged it may add a short reflection on it. A
reflection is its writer's own: it reaches their CPD record and their data export, never their
partner, the team (which sees counts) or the logs."""
