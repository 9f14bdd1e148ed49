// Copyright (c) 2026, kidcare contributors
// For license information, please see license.txt

frappe.ui.form.on("Child Profile", {
	setup(frm) {
		frm.set_query("care_area", () => ({ filters: { area_type: "Community" } }));
		frm.set_query("care_need", "needs", () => ({ filters: { enabled: 1 } }));
	},

	refresh(frm) {
		if (frm.doc.date_of_birth && frm.doc.age !== undefined && frm.doc.age !== null) {
			frm.dashboard.add_indicator(__("Age {0}", [frm.doc.age]), "blue");
		}
		if (!frm.is_new() && frm.doc.status === "Awaiting Pairing") {
			frm.add_custom_button(__("Suggest Volunteers"), () => kidcare_suggest_volunteers(frm));
		}
		if (!frm.is_new() && frm.perm[1] && frm.perm[1].write) {
			frm.add_custom_button(
				__("Reset QR Code"),
				() =>
					frappe
						.call({ method: "kidcare.checkin.reset_token", args: { child: frm.doc.name } })
						.then(() => frm.reload_doc()),
				__("Actions")
			);
		}
		if (!frm.is_new() && !frm.doc.guardian_user && frm.perm[1] && frm.perm[1].write) {
			frm.add_custom_button(__("Create Login"), () => kidcare_create_login(frm), __("Actions"));
		}
		if (
			!frm.is_new() &&
			!frm.doc.anonymised_on &&
			(frappe.user.has_role("KidCare Admin") || frappe.user.has_role("System Manager"))
		) {
			frm.add_custom_button(__("Erase Personal Data"), () => kidcare_erase(frm), __("Actions"));
		}
		if (!frm.is_new() && ["Registered", "Exited"].includes(frm.doc.status)) {
			frm.add_custom_button(__("Enroll", null, "Child Profile"), () => {
				frappe.new_doc("Child Enrollment", { child: frm.doc.name });
			});
		}
	},
});

function kidcare_erase(frm) {
	frappe.confirm(
		__(
			"Erase the personal data of {0}? Her name, ID number, guardian, address, coordinates, files and notes are removed for good, with the history of their changes; the statistics stay. This cannot be undone.",
			[frappe.utils.escape_html(frm.doc.full_name)]
		),
		() =>
			frappe
				.call({
					method: "kidcare.privacy.erase_child",
					args: { child: frm.doc.name },
					freeze: true,
				})
				.then(() => {
					frappe.show_alert({ message: __("Personal data erased."), indicator: "green" });
					frm.reload_doc();
				})
	);
}

function kidcare_suggest_volunteers(frm) {
	frappe.call({
		method: "kidcare.api.suggest_volunteers",
		args: { child: frm.doc.name, limit: 5 },
		freeze: true,
	}).then(({ message: suggestions }) => {
		const dialog = new frappe.ui.Dialog({
			title: __("Suggested Volunteers for {0}", [frm.doc.full_name]),
			fields: [{ fieldtype: "HTML", fieldname: "list" }],
		});
		if (!suggestions.length) {
			dialog.fields_dict.list.$wrapper.html(`<p class="text-muted">${__("No volunteer with a free place can be suggested.")}</p>`);
		} else {
			const rows = suggestions.map(
				(s, i) => `<tr>
					<td><b>${frappe.utils.escape_html(s.volunteer_name)}</b><br><span class="text-muted">${s.volunteer}</span></td>
					<td>${s.score}</td>
					<td>${frappe.utils.escape_html(s.reasons)}</td>
					<td><button class="btn btn-xs btn-primary" data-index="${i}">${__("Propose Pairing")}</button></td>
				</tr>`
			);
			dialog.fields_dict.list.$wrapper.html(`<table class="table table-bordered">
				<thead><tr><th>${__("Volunteer")}</th><th>${__("Match Score")}</th><th>${__("Match Reasons")}</th><th></th></tr></thead>
				<tbody>${rows.join("")}</tbody></table>`);
			dialog.fields_dict.list.$wrapper.find("button[data-index]").on("click", function () {
				const s = suggestions[$(this).data("index")];
				frappe.db
					.insert({ doctype: "Care Pairing", child: frm.doc.name, volunteer: s.volunteer })
					.then((doc) => {
						dialog.hide();
						frappe.set_route("Form", "Care Pairing", doc.name);
					});
			});
		}
		dialog.show();
	});
}
