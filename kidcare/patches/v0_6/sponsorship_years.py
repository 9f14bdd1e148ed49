"""Fill each child's sponsorship money per year (Child Sponsorship Year, kidcare/sponsorship/subtotals.py)
on a site that already has pledges, receipts and disbursements: the ledger and fund reports read them."""

from kidcare.sponsorship.subtotals import rebuild


def execute():
	rebuild()
