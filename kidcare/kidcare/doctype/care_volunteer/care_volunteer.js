// Copyright (c) 2026, kidcare contributors
// For license information, please see license.txt

frappe.ui.form.on("Care Volunteer", {
	refresh(frm) {
		if (frm.is_new()) return;
		frm.dashboard.add_indicator(
			__("{0} of {1} places taken", [frm.doc.active_pairings || 0, frm.doc.capacity]),
			(frm.doc.active_pairings || 0) < frm.doc.capacity ? "green" : "orange"
		);
		if (frm.doc.status === "Active") kidcare_show_children(frm);
		if (!frm.doc.user && frm.perm[0] && frm.perm[0].write) {
			frm.add_custom_button(__("Create Login"), () => kidcare_create_login(frm));
		}
	},
});

function kidcare_show_children(frm) {
	frappe
		.call({ method: "kidcare.api.suggest_children", args: { volunteer: frm.doc.name, limit: 5 } })
		.then(({ message: children }) => {
			if (!children || !children.length) return;
			const items = children
				.map(
					(c) => `<li><a href="/app/child-profile/${encodeURIComponent(c.child)}">${frappe.utils.escape_html(c.child_name)}</a>
						· ${c.score} · <span class="text-muted">${frappe.utils.escape_html(c.reasons)}</span></li>`
				)
				.join("");
			frm.dashboard.add_section(
				`<ul class="list-unstyled">${items}</ul>`,
				__("Children this volunteer could take")
			);
		});
}
