"""The areas' counts (kidcare/rollup.py) and the pairings' facts rows of the tally they are kept from, on a
site that already has pairings and contacts: the whole tally again (three INSERT ... SELECT), then the counts."""

from kidcare import rollup, tally


def execute():
	tally.ensure_table()
	rollup.ensure_table()
	tally.rebuild()
