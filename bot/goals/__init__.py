"""Goals: in Negotiation a pair agrees up to five learning goals and its boundaries; check-ins in
Enabling Growth ask about one goal at a time, and the answers are each goal's story. The goals
are the pair's own: the team sees only how many are set, under way and achieved."""
