"""The unit layer: the program's rules with no Frappe, no database, no bench."""

import sys

import pytest


@pytest.fixture(autouse=True, scope="session")
def no_frappe():
	yield
	assert "frappe" not in sys.modules, "the unit layer must not import Frappe"
