"""Rules of sponsorship at a standard (助养): instalment schedules, the pledge cap over overlapping
periods, how received money fills instalments, and what an ended sponsorship leaves the child. No Frappe.

Money is handled in integer minor units (fen when the precision is 2): nothing is rounded away, and
the instalments of a pledge always add up to the pledge exactly (the last one carries the remainder).
"""

from __future__ import annotations

import datetime
from decimal import ROUND_HALF_UP, Decimal

YEARLY, HALF_YEARLY, MONTHLY = "Yearly", "Half-yearly", "Monthly"
PER_YEAR = {YEARLY: 1, HALF_YEARLY: 2, MONTHLY: 12}

# Child Sponsorship.status
DRAFT = "Draft"
AWAITING = "Awaiting First Payment"
ACTIVE = "Active"
ENDED = "Ended"
CANCELLED = "Cancelled"
#: a pledge that holds the child's standard (and takes money in)
HOLDING = (AWAITING, ACTIVE)

# Child Sponsorship.end_reason
CHILD_EXITED = "Child Exited"
CHILD_AGED_OUT = "Child Aged Out"
SPONSOR_WITHDREW = "Sponsor Withdrew"
TERM_COMPLETED = "Term Completed"
OTHER = "Other"

# Child Profile.sponsorship_status
SPONSORED = "Sponsored"
PARTLY_SPONSORED = "Partly Sponsored"
AWAITING_SPONSOR = "Awaiting Sponsor"
CLOSED = "Sponsorship Closed"

# Child Sponsorship Instalment.status
DUE, PARTLY_PAID, PAID, OVERDUE = "Due", "Partly Paid", "Paid", "Overdue"
#: an instalment falling due after its pledge ended: no longer owed, no longer pledged
WAIVED = "Waived"


def to_units(amount, precision: int) -> int:
	"""An amount in integer minor units at ``precision`` decimals (half up, as Frappe's flt does)."""
	q = Decimal(1).scaleb(-precision)
	return int((Decimal(str(amount or 0)).quantize(q, rounding=ROUND_HALF_UP)) * (10**precision))


def from_units(units: int, precision: int) -> float:
	"""Integer minor units as an amount: Python's int / int is correctly rounded, as float(Decimal) is."""
	return int(units) / 10**precision


def add_months(day: datetime.date, months: int) -> datetime.date:
	"""``day`` moved by ``months`` (the 31st becomes the month's last day)."""
	month0 = day.month - 1 + months
	year, month = day.year + month0 // 12, month0 % 12 + 1
	for d in (day.day, 30, 29, 28):
		try:
			return datetime.date(year, month, d)
		except ValueError:
			continue
	raise ValueError(day)


def term_end(start: datetime.date, term_years: int) -> datetime.date:
	"""The last day a pledge of ``term_years`` from ``start`` covers."""
	return add_months(start, 12 * term_years) - datetime.timedelta(days=1)


def schedule(annual: float, plan: str, start: datetime.date, term_years: int, precision: int) -> list[tuple]:
	"""The instalments of a pledge: [(due date, amount)], the first due on ``start``. Amounts are equal
	to the fen; the last carries what division leaves, so the sum is the pledge exactly."""
	if plan not in PER_YEAR:
		raise ValueError(plan)
	if term_years < 1:
		raise ValueError(term_years)
	count = PER_YEAR[plan] * term_years
	total = to_units(annual, precision) * term_years
	each = total // count
	step = 12 // PER_YEAR[plan]
	rows = [(add_months(start, i * step), each) for i in range(count)]
	rows[-1] = (rows[-1][0], total - each * (count - 1))
	return [(due, from_units(units, precision)) for due, units in rows]


def fill(amounts: list[float], received: float, precision: int) -> list[float]:
	"""What each instalment (in due order) has been paid when ``received`` in all fills them oldest first."""
	left = to_units(received, precision)
	paid = []
	for amount in amounts:
		units = to_units(amount, precision)
		take = max(0, min(units, left))
		paid.append(from_units(take, precision))
		left -= take
	return paid


def instalment_status(
	amount: float, paid: float, due: datetime.date, today: datetime.date, precision: int
) -> str:
	a, p = to_units(amount, precision), to_units(paid, precision)
	if p >= a:
		return PAID
	if due < today:
		return OVERDUE
	return PARTLY_PAID if p else DUE


def sponsorship_status(docstatus: int, ended: bool, received: float) -> str:
	"""A pledge's status from its docstatus, its end and whether money came in."""
	if docstatus == 0:
		return DRAFT
	if docstatus == 2:
		return CANCELLED
	if ended:
		return ENDED
	return ACTIVE if received and received > 0 else AWAITING


def peak_pledge(
	periods: list[tuple[datetime.date, datetime.date, float]], start: datetime.date, end: datetime.date
) -> float:
	"""The highest total pledged on any one day of [start, end] by ``periods`` ([(first day, last day,
	annual amount)]): several sponsors may share one child's standard, as long as no day is promised
	beyond it."""
	events = []
	for first, last, amount in periods:
		lo, hi = max(first, start), min(last, end)
		if lo <= hi:
			events.append((lo, 0, amount))  # a pledge starting on a day counts on that day
			events.append((hi + datetime.timedelta(days=1), -1, -amount))
	peak = total = Decimal(0)
	for _day, _order, amount in sorted(events, key=lambda e: (e[0], e[1])):
		total += Decimal(str(amount))
		peak = max(peak, total)
	return float(peak)


def may_pledge(
	others: list[tuple[datetime.date, datetime.date, float]],
	start: datetime.date,
	end: datetime.date,
	amount: float,
	standard: float,
	precision: int,
) -> float:
	"""How much of the standard is still free over [start, end] (negative: ``amount`` would exceed it)."""
	peak = to_units(peak_pledge(others, start, end), precision)
	return from_units(to_units(standard, precision) - peak - to_units(amount, precision), precision)


def eligible(child_categories: set[str], priority: set[str], final: bool) -> bool:
	"""A child may be sponsored while in the program and, when the settings name priority categories,
	in one of them."""
	if final:
		return False
	return not priority or bool(child_categories & priority)


def child_state(
	in_program: bool, is_eligible: bool, pledged_now: float, standard: float, precision: int
) -> str:
	"""A child's sponsorship state: closed once she has left, else how much of her standard is pledged today."""
	if not in_program:
		return CLOSED
	pledged, full = to_units(pledged_now, precision), to_units(standard, precision)
	if pledged >= full > 0:
		return SPONSORED
	if pledged > 0:
		return PARTLY_SPONSORED
	return AWAITING_SPONSOR if is_eligible else ""


def end_reason_for_child_status(status: str, exited: str, aged_out: str) -> str | None:
	"""The end reason of a sponsorship a child's departure ends (None: the departure ends none)."""
	return {exited: CHILD_EXITED, aged_out: CHILD_AGED_OUT}.get(status)
