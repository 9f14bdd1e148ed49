"""Rules about a child's age and place in the program."""

from __future__ import annotations

import datetime

ADULT_AGE = 18

REGISTERED = "Registered"
AWAITING_PAIRING = "Awaiting Pairing"
PAIRED = "Paired"
EXITED = "Exited"
AGED_OUT = "Aged Out"

#: statuses of a child who is in the program (enrolled), for whom a second enrollment makes no sense
ENROLLED = (AWAITING_PAIRING, PAIRED)
#: statuses the daily aged-out job leaves alone
FINAL = (EXITED, AGED_OUT)


def age_on(date_of_birth: datetime.date, on: datetime.date) -> int:
	"""Completed years on ``on`` (a child born on 29 February has a birthday on 1 March in other years)."""
	years = on.year - date_of_birth.year
	if (on.month, on.day) < (date_of_birth.month, date_of_birth.day):
		years -= 1
	return max(years, 0)


def born_on_or_before_for_adults(on: datetime.date) -> datetime.date:
	"""The latest date of birth of someone who is ADULT_AGE or older on ``on``."""
	try:
		return on.replace(year=on.year - ADULT_AGE)
	except ValueError:  # 29 February: someone born on 28 February is 18, one born on 1 March is not
		return datetime.date(on.year - ADULT_AGE, 2, 28)
