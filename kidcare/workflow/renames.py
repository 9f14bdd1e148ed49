"""The shipped workflows' state and action names before kidcare gave them its own (release 0.3).

Up to 0.2 the workflows used shared, generic names (Open, Submitted, Approved, Approve, ...): Workflow
State and Workflow Action Master records are site-wide, so their translation and style were every app's.
Plain data: the rename patch and the tests read it.
"""

# workflow name -> {old state: new state}
STATES = {
	"Child Enrollment Approval": {
		"Draft": "Enrollment Draft",
		"Pending Verification": "Enrollment Pending Verification",
		"Street Verified": "Enrollment Street Verified",
		"Approved": "Enrollment Approved",
		"Rejected": "Enrollment Rejected",
	},
	"Care Pairing Approval": {
		"Proposed": "Pairing Proposed",
		"Approved": "Pairing Approved",
		"Rejected": "Pairing Rejected",
	},
	"Monthly Review Approval": {
		"Open": "Review Open",
		"Submitted": "Review Submitted",
		"Returned": "Review Returned",
		"Reviewed": "Review Approved",
		"Closed": "Review Closed",
	},
	"Exit Request Approval": {
		"Applied": "Exit Applied",
		"Street Verified": "Exit Street Verified",
		"Approved": "Exit Approved",
		"Rejected": "Exit Rejected",
	},
}

# workflow name -> {old action: new action}
ACTIONS = {
	"Child Enrollment Approval": {
		"Submit for Verification": "Submit Enrollment",
		"Verify": "Verify Enrollment",
		"Approve": "Approve Enrollment",
		"Reject": "Reject Enrollment",
		"Revise": "Revise Enrollment",
	},
	"Care Pairing Approval": {
		"Approve": "Approve Pairing",
		"Reject": "Reject Pairing",
	},
	"Monthly Review Approval": {
		"Submit Report": "Submit Review Report",
		"Approve": "Approve Review",
		"Return": "Return Review",
	},
	"Exit Request Approval": {
		"Verify": "Verify Exit",
		"Approve": "Approve Exit",
		"Reject": "Reject Exit",
	},
}
