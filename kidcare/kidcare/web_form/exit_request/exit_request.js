// The guardian chooses among the children whose guardian login she is (Link options on a web form
// would list only records she owns, and she owns no Child Profile).
frappe.ready(() => {
	frappe.web_form.after_load = () => {
		if (!frappe.web_form.is_new) return;
		frappe.call("kidcare.api.guardian_children").then(({ message: children }) => {
			const field = frappe.web_form.fields_dict.child;
			if (!field) return;
			if (!children || !children.length) {
				frappe.msgprint(__("None of your children is in a pairing now, so there is nothing to leave."));
				return;
			}
			field.df.options = children;
			field.refresh();
			if (children.length === 1) frappe.web_form.set_value("child", children[0].value);
		});
	};
});
