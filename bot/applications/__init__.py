"""Applications: people apply to a cohort in its window; the team accepts, waitlists or declines
each; the accepted are what the steering group's match suggestions are made from."""
