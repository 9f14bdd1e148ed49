"""Phones as people type them: one canonical form, and what counts as a phone at all."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kidcare.rules import phone


@pytest.mark.parametrize(
	"typed",
	[
		"13800138000",
		"138 0013 8000",
		"138-0013-8000",
		"+86 138 0013 8000",
		"0086-13800138000",
		"8613800138000",
		"１３８００１３８０００",
		"（+86）138.0013.8000",
	],
)
def test_every_way_of_typing_a_mobile_gives_the_same_number(typed):
	assert phone.normalize(typed) == "13800138000"
	assert phone.is_mobile(typed) and phone.is_phone(typed)


@pytest.mark.parametrize(
	"typed", ["0571-88886666", "(0571) 8888 6666", "０５７１８８８８６６６６", "010-12345678"]
)
def test_a_landline_with_its_area_code_is_a_phone_but_not_a_mobile(typed):
	assert phone.is_phone(typed) and not phone.is_mobile(typed)
	assert phone.normalize(typed).isdigit()


@pytest.mark.parametrize(
	"typed", ["", "12345", "88886666", "23800138000", "1380013800", "138001380000", "abc", "110"]
)
def test_what_is_no_phone(typed):
	assert not phone.is_phone(typed)


def test_a_landline_keeps_its_leading_zero_and_86_is_only_a_country_code_before_a_mobile():
	assert phone.normalize("0571 88886666") == "057188886666"
	assert phone.normalize("86 0571 8888666") == "8605718888666"  # not a mobile after 86: left as typed


@given(st.from_regex(r"1[3-9][0-9]{9}", fullmatch=True), st.sampled_from(["", " ", "-", "　"]))
def test_separators_and_full_width_never_change_a_mobile(number, sep):
	full_width = "".join(chr(ord(c) + 0xFEE0) for c in number)
	typed = sep.join([full_width[:3], full_width[3:7], full_width[7:]])
	assert phone.normalize(typed) == number
