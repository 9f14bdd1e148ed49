"""The 18-digit resident identity number (公民身份号码), GB 11643-1999.

6 digits   address code of the place of first registration
8 digits   date of birth, YYYYMMDD
3 digits   sequence; odd for men, even for women
1 char     check character, ISO 7064 MOD 11-2: 0-9 or X
"""

from __future__ import annotations

import datetime
import re
import unicodedata

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK_CHARS = "10X98765432"  # indexed by (weighted sum mod 11)
PATTERN = re.compile(r"^\d{17}[\dX]$")

# error codes; the controller words them
FORMAT = "format"
CHECKSUM = "checksum"
BIRTH_DATE = "birth_date"


def normalize(value: str | None) -> str:
	"""The canonical form of a number as people type it: full-width digits and letters (a Chinese input
	method's １１０１…Ｘ) made half-width, every space dropped, a trailing x upper-cased."""
	return re.sub(r"\s", "", unicodedata.normalize("NFKC", value or "")).upper()


def check_char(first17: str) -> str:
	"""The check character for the first 17 digits."""
	if len(first17) != 17 or not first17.isdigit():
		raise ValueError("need exactly 17 digits")
	total = sum(int(digit) * weight for digit, weight in zip(first17, WEIGHTS, strict=True))
	return CHECK_CHARS[total % 11]


def birth_date(number: str) -> datetime.date | None:
	"""The date of birth the number encodes, or None when it is not a real date."""
	try:
		return datetime.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
	except ValueError:
		return None


def gender(number: str) -> str:
	"""'Male' for an odd sequence digit, 'Female' for an even one."""
	return "Male" if int(number[16]) % 2 else "Female"


def validation_error(value: str | None) -> str | None:
	"""Why ``value`` is not a valid 18-digit resident ID number, or None when it is."""
	number = normalize(value)
	if not PATTERN.match(number):
		return FORMAT
	born = birth_date(number)
	if born is None or born.year < 1900:
		return BIRTH_DATE
	if check_char(number[:17]) != number[17]:
		return CHECKSUM
	return None


def mismatches(number: str, date_of_birth: datetime.date | None, gender_value: str | None) -> list[str]:
	"""Which of 'date_of_birth' and 'gender' disagree with a valid ``number``."""
	found = []
	if date_of_birth and birth_date(number) != date_of_birth:
		found.append("date_of_birth")
	if gender_value in ("Male", "Female") and gender(number) != gender_value:
		found.append("gender")
	return found
