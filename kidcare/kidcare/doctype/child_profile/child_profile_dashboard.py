from frappe import _


def get_data():
	return {
		"fieldname": "child",
		"transactions": [
			{"label": _("Registration"), "items": ["Child Enrollment"]},
			{"label": _("Pairing"), "items": ["Care Pairing", "Care Contact", "Monthly Review"]},
			{"label": _("Exit", context="Child Profile"), "items": ["Exit Request"]},
		],
	}
