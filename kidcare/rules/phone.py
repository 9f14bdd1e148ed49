"""Telephone numbers as people type them, kept in one canonical form.

A mainland mobile is 11 digits starting with 1 (13x-19x); a landline is the area code with its leading
0 and the local number, 10 to 12 digits in all. People type full-width digits from a Chinese input
method, spaces, dashes, brackets and the country code (+86, 0086): all of it is dropped, so that the
same phone is stored, searched and compared the same way.
"""

from __future__ import annotations

import re
import unicodedata

MOBILE = re.compile(r"^1[3-9]\d{9}$")
LANDLINE = re.compile(r"^0[1-9]\d{8,10}$")
SEPARATORS = re.compile(r"[\s\-‐‑–—()（）.·]")
COUNTRY = re.compile(r"^(?:\+86|0086|86)(?=1[3-9]\d{9}$)")


def normalize(value: str | None) -> str:
	"""Digits only, full-width made half-width, separators and the +86/0086/86 prefix dropped."""
	text = SEPARATORS.sub("", unicodedata.normalize("NFKC", value or ""))
	return COUNTRY.sub("", text)


def is_mobile(value: str | None) -> bool:
	return bool(MOBILE.match(normalize(value)))


def is_phone(value: str | None) -> bool:
	"""A mobile or a landline with its area code."""
	number = normalize(value)
	return bool(MOBILE.match(number) or LANDLINE.match(number))
