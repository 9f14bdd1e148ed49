// Copyright (c) 2026, kidcare contributors
// For license information, please see license.txt

// "Create Login": a new website login for a member of the partner's staff, who then claims published
// demands for the partner (kidcare.resources.partners).
frappe.ui.form.on("Care Partner", {
	refresh(frm) {
		if (frm.is_new() || !frm.perm[0].write) return;
		frm.add_custom_button(__("Create Login"), () =>
			frappe.prompt(
				[
					{ fieldname: "email", fieldtype: "Data", options: "Email", label: __("E-mail of the new login"), reqd: 1 },
					{ fieldname: "full_name", fieldtype: "Data", label: __("Full Name", null, "Care Partner Member") },
				],
				({ email, full_name }) =>
					frappe
						.call({
							method: "kidcare.resources.partners.create_partner_login",
							args: { partner: frm.doc.name, email, full_name },
						})
						.then(({ message }) => {
							if (message && message.reset_link) {
								frappe.msgprint(
									__("Login {0} created. Give its owner this link to set a password: {1}", [
										message.user,
										message.reset_link,
									])
								);
							}
							frm.reload_doc();
						}),
				__("Create Login"),
				__("Create Login")
			)
		);
	},
});
