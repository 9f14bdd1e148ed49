from frappe import _


def get_data():
	return {
		"fieldname": "pairing",
		"transactions": [
			{"label": _("Keeping the Pairing Alive"), "items": ["Care Contact", "Monthly Review"]},
			{"label": _("Exit", context="Care Pairing"), "items": ["Exit Request"]},
		],
	}
