"""The team's resources (1+1+∞): children's demands escalated and claimed (demands.py, escalation.py),
partners, spaces and activities (activities.py)."""
