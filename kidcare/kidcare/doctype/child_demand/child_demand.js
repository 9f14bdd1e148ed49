// Copyright (c) 2026, kidcare contributors
// For license information, please see license.txt

// The claim's steps the desk takes (kidcare.resources.demands): the district confirms or releases a
// claim, the requester reopens a demand whose work does not solve it. Moving between levels and
// confirming it solved are the workflow's actions.
frappe.ui.form.on("Child Demand", {
	refresh(frm) {
		if (frm.is_new() || frm.doc.docstatus !== 0) return;
		const call = (method, args) =>
			frappe
				.call({ method: `kidcare.resources.demands.${method}`, args: { demand: frm.doc.name, ...args } })
				.then(() => frm.reload_doc());
		const district = frappe.user.has_role(["District Approver", "KidCare Admin"]);
		if (frm.doc.status === "Claimed" && district) {
			frm.add_custom_button(__("Confirm Claim"), () => call("confirm_claim"), __("Claim"));
		}
		if (["Claimed", "Claim Confirmed", "Done"].includes(frm.doc.status) && district) {
			frm.add_custom_button(
				__("Release Claim"),
				() =>
					frappe.prompt(
						{ fieldname: "reason", fieldtype: "Small Text", label: __("Reason"), reqd: 1 },
						({ reason }) => call("release_claim", { reason }),
						__("Release Claim")
					),
				__("Claim")
			);
		}
		if (frm.doc.status === "Done") {
			frm.add_custom_button(
				__("Reopen"),
				() =>
					frappe.prompt(
						{ fieldname: "reason", fieldtype: "Small Text", label: __("Why is it not solved?"), reqd: 1 },
						({ reason }) => call("reopen", { reason }),
						__("Reopen")
					),
				__("Claim")
			);
		}
	},
});
