from frappe import _


def get_data():
	return {
		"fieldname": "volunteer",
		"transactions": [
			{"label": _("Pairing"), "items": ["Care Pairing", "Care Contact", "Monthly Review"]},
			{"label": _("Exit", context="Care Volunteer"), "items": ["Exit Request"]},
		],
	}
