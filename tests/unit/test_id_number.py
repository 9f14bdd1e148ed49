import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kidcare.rules import id_number as idn

# The worked example of GB 11643-1999 (check character X) and a commonly used test number
STANDARD_EXAMPLE = "11010519491231002X"
SAMPLE_MALE = "110101199003074477"


def make(first17: str) -> str:
	return first17 + idn.check_char(first17)


def test_the_standards_examples_pass():
	assert idn.validation_error(STANDARD_EXAMPLE) is None
	assert idn.validation_error(SAMPLE_MALE) is None


def test_x_check_character_and_lower_case_x():
	assert idn.check_char(STANDARD_EXAMPLE[:17]) == "X"
	assert idn.validation_error(STANDARD_EXAMPLE.lower()) is None
	assert idn.normalize(" 11010519491231002x ") == STANDARD_EXAMPLE


def test_a_wrong_check_character_is_a_checksum_error():
	assert idn.validation_error(STANDARD_EXAMPLE[:17] + "1") == idn.CHECKSUM
	assert idn.validation_error(SAMPLE_MALE[:17] + "5") == idn.CHECKSUM


@pytest.mark.parametrize(
	"value",
	[
		"",
		None,
		"1234",
		"1101051949123100",
		"1101051949123100201",
		"11010519491231002Y",
		"X10105194912310020",
		"11010519491231002 X1",
	],
)
def test_wrong_shapes_are_format_errors(value):
	assert idn.validation_error(value) == idn.FORMAT


@pytest.mark.parametrize("birth", ["20230230", "20231301", "20230000", "18991231"])
def test_impossible_birth_dates_are_refused(birth):
	assert idn.validation_error(make("110105" + birth + "123")) == idn.BIRTH_DATE


def test_birth_date_and_gender_are_read_from_the_number():
	assert idn.birth_date(STANDARD_EXAMPLE) == datetime.date(1949, 12, 31)
	assert idn.gender(STANDARD_EXAMPLE) == "Female"  # sequence 002: even
	assert idn.gender(SAMPLE_MALE) == "Male"  # sequence 447: odd


def test_mismatches_name_what_disagrees():
	number = make("33010820150607" + "123")  # born 2015-06-07, sequence 123: a boy
	assert idn.mismatches(number, datetime.date(2015, 6, 7), "Male") == []
	assert idn.mismatches(number, datetime.date(2015, 6, 8), "Male") == ["date_of_birth"]
	assert idn.mismatches(number, datetime.date(2015, 6, 7), "Female") == ["gender"]
	assert idn.mismatches(number, None, None) == []


digits17 = st.tuples(
	st.text("0123456789", min_size=6, max_size=6),
	st.dates(datetime.date(1900, 1, 1), datetime.date(2099, 12, 31)),
	st.text("0123456789", min_size=3, max_size=3),
).map(lambda t: t[0] + t[1].strftime("%Y%m%d") + t[2])


@given(digits17)
def test_every_number_built_with_its_check_character_is_valid(first17):
	assert idn.validation_error(make(first17)) is None


@given(digits17, st.integers(0, 16), st.integers(1, 9))
def test_any_single_digit_change_is_caught(first17, position, delta):
	number = make(first17)
	changed = number[:position] + str((int(number[position]) + delta) % 10) + number[position + 1 :]
	assert idn.validation_error(changed) is not None


@given(digits17, st.integers(0, 15))
def test_swapping_two_different_neighbouring_digits_is_caught(first17, position):
	number = make(first17)
	a, b = number[position], number[position + 1]
	if a == b:
		return
	swapped = number[:position] + b + a + number[position + 2 :]
	assert idn.validation_error(swapped) is not None


def test_full_width_digits_spaces_and_a_lowercase_x_give_the_canonical_number():
	"""A Chinese input method types １１０…ｘ; an ID typed so is the same person (and the same duplicate)."""
	full_width = "".join(chr(ord(c) + 0xFEE0) for c in STANDARD_EXAMPLE.lower())
	assert idn.normalize(full_width) == STANDARD_EXAMPLE
	assert (
		idn.normalize(
			f"\u3000{STANDARD_EXAMPLE[:6]} {STANDARD_EXAMPLE[6:14]}\t{STANDARD_EXAMPLE[14:].lower()} "
		)
		== STANDARD_EXAMPLE
	)
	assert idn.validation_error(full_width) is None
