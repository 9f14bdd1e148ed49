// "Create Login" on the forms of the records a login belongs to (Care Volunteer, Child Profile): a new
// login of its own for the person. Added to both forms by doctype_js in hooks.py.
function kidcare_create_login(frm) {
	// a new login of its own for the person (kidcare.logins: only a KidCare Admin links an existing one)
	frappe.prompt(
		[
			{
				fieldname: "email",
				fieldtype: "Data",
				options: "Email",
				label: __("E-mail of the new login"),
				reqd: 1,
			},
		],
		({ email }) =>
			frappe
				.call({
					method: "kidcare.logins.create_login",
					args: { doctype: frm.doctype, name: frm.doc.name, email },
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
	);
}
