"""Which fields a request names: every shape of filter, sort and group Frappe's endpoints accept."""

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kidcare.rules.request_fields import (
	doctypes_in_request,
	fields_in_filters,
	fields_in_request,
	fields_in_sql,
)

CP = "Child Profile"


@pytest.mark.parametrize(
	"filters, expected",
	[
		({"id_number": "1"}, {(CP, "id_number")}),
		({"id_number": ["like", "1%"], "gender": "Female"}, {(CP, "id_number"), (CP, "gender")}),
		([["id_number", "like", "1%"]], {(CP, "id_number")}),
		([["Child Profile Category", "category", "=", "Orphan"]], {("Child Profile Category", "category")}),
		([["Child Profile", "address", "like", "%路%", False]], {(CP, "address")}),
		(["id_number", "=", "1"], {(CP, "id_number")}),
		([["status", "in", ["address", "x"]]], {(CP, "status")}),
		(json.dumps([["Child Profile", "guardian_phone", "=", "139"]]), {(CP, "guardian_phone")}),
		(json.dumps({"latitude": [">", 30]}), {(CP, "latitude")}),
		([{"id_number": "1"}, ["address", "=", "x"]], {(CP, "id_number"), (CP, "address")}),
		({"ifnull(id_number, '')": "1"}, {(CP, "id_number")}),
		(None, set()),
		("", set()),
		("not json", set()),
	],
)
def test_fields_in_filters(filters, expected):
	assert fields_in_filters(filters, CP) == expected


@pytest.mark.parametrize(
	"fragment, expected",
	[
		("id_number desc", {(CP, "id_number")}),
		("`tabChild Profile`.`id_number` desc, modified asc", {(CP, "id_number"), (CP, "modified")}),
		("tabCare Volunteer.mobile", {("Care Volunteer", "mobile")}),
		("ifnull(guardian_phone, 0) desc", {(CP, "guardian_phone")}),
		("if(address like '%A%', 1, 0)", {(CP, "address")}),
		("count(*) desc", set()),
	],
)
def test_fields_in_sql(fragment, expected):
	assert fields_in_sql(fragment, CP) == expected


def test_every_place_a_request_names_a_field():
	params = {
		"doctype": "Care Pairing",
		"order_by": "decision_notes desc",
		"group_by": "proposal_notes",
		"sort_field": "match_reasons",
		"field": "end_reason",
		"searchfield": "child_name",
		"filter_fields": json.dumps(["volunteer_name"]),
		"field_map": json.dumps({"start": "start_date", "title": "exit_request"}),
		"current_filters": json.dumps({"status": "Active"}),
		"chart": json.dumps({"document_type": CP, "group_by_based_on": "id_number",
			"filters_json": json.dumps([[CP, "address", "=", "x"]])}),  # fmt: skip
	}
	found = fields_in_request(params, "Care Pairing")
	assert {("Care Pairing", f) for f in ("decision_notes", "proposal_notes", "match_reasons", "end_reason",
		"child_name", "volunteer_name", "start_date", "exit_request", "status")} <= found  # fmt: skip
	assert {(CP, "id_number"), (CP, "address")} <= found
	assert doctypes_in_request(params) == {"Care Pairing", CP}


def test_a_request_that_names_another_doctype_in_a_filter_names_it():
	params = {"doctype": "Customer", "filters": json.dumps([["Child Profile", "id_number", "=", "1"]])}
	assert CP in doctypes_in_request(params)


@given(st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=8),
	lambda kids: st.lists(kids, max_size=5) | st.dictionaries(st.text(max_size=8), kids, max_size=4), max_leaves=20))  # fmt: skip
def test_any_shape_of_filters_is_read_without_error(filters):
	found = fields_in_filters(filters, CP)
	assert all(isinstance(field, str) for _dt, field in found)
	fields_in_request({"filters": json.dumps(filters), "order_by": json.dumps(filters)}, CP)


def test_a_document_sent_whole_names_its_doctype():
	params = {"doc": json.dumps({"doctype": "Child Need", "name": "x", "note": "y"})}
	assert doctypes_in_request(params) == {"Child Need"}
