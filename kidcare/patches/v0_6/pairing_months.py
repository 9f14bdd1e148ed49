"""Fill the contacts' monthly tally per pairing (kidcare/tally.py) on a site that already has contacts."""

from kidcare.tally import ensure_table, rebuild


def execute():
	ensure_table()
	rebuild()
