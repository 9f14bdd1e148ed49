"""The steps of an exit request, keyed on its status and decision, never on a workflow state's name."""

import pytest

from kidcare.rules import exit_request as x

NOTES = {"verification_notes": "入户核实属实", "decision_notes": "同意"}
STAFF = {"KidCare Admin", "District Approver", "Street Officer", "Community Worker"}


def test_the_decision_is_the_status_once_there_is_one():
	assert x.status_of(None, None) == x.APPLIED
	assert x.status_of(x.VERIFIED, None) == x.VERIFIED
	assert x.status_of(x.VERIFIED, x.APPROVED) == x.APPROVED
	assert x.status_of(x.APPLIED, x.REJECTED) == x.REJECTED


@pytest.mark.parametrize(
	"old, new, values, errors",
	[
		(x.APPLIED, x.VERIFIED, NOTES, []),
		(x.APPLIED, x.VERIFIED, {"verification_notes": "  "}, [x.NEEDS_VERIFICATION_NOTES]),
		# the street rejects with its investigation notes, the district with its decision notes
		(x.APPLIED, x.REJECTED, {"verification_notes": "未迁出"}, []),
		(x.APPLIED, x.REJECTED, {"decision_notes": "x"}, [x.NEEDS_REJECTION_REASON]),
		(x.VERIFIED, x.REJECTED, {"verification_notes": "属实"}, [x.NEEDS_REJECTION_REASON]),
		(x.VERIFIED, x.REJECTED, NOTES, []),
		(x.VERIFIED, x.APPROVED, NOTES, []),
		(x.VERIFIED, x.APPROVED, {"verification_notes": "属实"}, [x.NEEDS_DECISION_NOTES]),
		(x.APPLIED, x.APPROVED, NOTES, [x.NOT_VERIFIED]),
		(x.VERIFIED, x.VERIFIED, {}, []),
	],
)
def test_what_each_step_needs(old, new, values, errors):
	assert x.step_errors(old, new, values) == errors


def test_an_approved_exit_leaves_the_child_out_unless_the_volunteer_withdrew():
	assert x.child_status_after_exit(x.GUARDIAN) == "Exited"
	assert x.child_status_after_exit(x.STREET_OFFICER) == "Exited"
	assert x.child_status_after_exit(x.VOLUNTEER) == "Awaiting Pairing"


@pytest.mark.parametrize(
	"roles, allowed",
	[
		({"Street Officer"}, x.APPLICANT_TYPES),
		({"Community Worker", "Care Volunteer"}, x.APPLICANT_TYPES),
		({"Child Guardian"}, (x.GUARDIAN,)),
		({"Care Volunteer"}, (x.VOLUNTEER,)),
		({"Care Volunteer", "Child Guardian"}, (x.GUARDIAN, x.VOLUNTEER)),
		({"Guest", "All"}, ()),
	],
)
def test_who_may_file_as_whom(roles, allowed):
	assert x.applicant_types_for(roles, STAFF) == allowed
