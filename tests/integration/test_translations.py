"""Every message the app ships has a Chinese translation: labels, options, descriptions, code strings."""

import frappe
from frappe.translate import get_messages_for_app, get_translation_dict_from_file

from kidcare.data import ROLES


def zh_catalogue():
	return get_translation_dict_from_file(
		frappe.get_app_path("kidcare", "translations", "zh.csv"), "zh", "kidcare"
	)


# Frappe adds its own navbar labels and the roles it ships to every app's messages; Frappe translates those.
FRAPPES_OWN = {"Label of a Navbar Item"}
FRAPPE_ROLES = {"System Manager", "Administrator", "Guest", "All"}


def others_catalogue():
	"""What the other installed apps translate: kidcare leaves their words to them (see
	test_translation_coexistence)."""
	from frappe.translate import get_translations_from_apps

	return get_translations_from_apps("zh", [a for a in frappe.get_installed_apps() if a != "kidcare"])


def test_every_message_frappe_extracts_from_the_app_is_translated():
	catalogue = zh_catalogue()
	sources = {key.split(":", 1)[0] for key in catalogue} | set(catalogue) | set(others_catalogue())
	missing = []
	for message in get_messages_for_app("kidcare"):
		text, context = message[1], message[2] if len(message) > 2 else None
		if not text or not text.strip() or context in FRAPPES_OWN or text in FRAPPE_ROLES:
			continue
		# labels come out without context; the desk looks them up with their doctype as context
		if not ((context and f"{text}:{context}" in catalogue) or text in sources):
			missing.append((text, context))
	assert not missing, f"untranslated: {missing}"


def test_every_label_and_option_of_every_doctype_is_translated_in_its_doctype():
	catalogue = zh_catalogue()
	missing = []
	for doctype in frappe.get_all("DocType", filters={"module": "KidCare"}, pluck="name"):
		meta = frappe.get_meta(doctype)
		texts = [doctype]
		for df in meta.fields:
			texts += [df.label, df.description]
			if df.fieldtype == "Select" and df.options:
				texts += df.options.split("\n")
		for text in filter(None, texts):
			if f"{text}:{doctype}" not in catalogue and text not in catalogue:
				missing.append((doctype, text))
	assert not missing, f"untranslated: {missing}"


def test_roles_are_translated():
	catalogue = zh_catalogue()
	assert [role for role, _ in ROLES if role not in catalogue] == []


def test_translations_are_chinese_and_keep_their_placeholders():
	for source, target in zh_catalogue().items():
		assert any("\u4e00" <= ch <= "\u9fff" for ch in target), source
		for placeholder in ("{0}", "{1}", "{2}"):  # a context after ":" never holds one
			assert (placeholder in source) == (placeholder in target), source


def test_every_workflow_state_and_action_the_app_ships_is_translated():
	from kidcare.workflow.installer import load_definitions

	catalogue = zh_catalogue()
	texts = set()
	for definition in load_definitions():
		texts.add(definition["workflow_name"])
		texts |= {s["state"] for s in definition["states"]}
		texts |= {t["action"] for t in definition["transitions"]}
	assert sorted(t for t in texts if t not in catalogue) == []


def test_the_workspace_its_cards_charts_and_web_form_are_translated():
	"""What the desk passes through __(): the workspace's title, links and shortcuts, each number card's
	and chart's label, and the guardian's web form."""
	import json
	from pathlib import Path

	catalogue = zh_catalogue()
	module = Path(frappe.get_app_path("kidcare", "kidcare"))
	texts = set()
	for path in module.glob("workspace/*/*.json"):
		ws = json.loads(path.read_text())
		texts |= {ws["title"], ws["label"]}
		texts |= {link["label"] for link in ws["links"]}
		texts |= {s["label"] for s in ws["shortcuts"]}
	texts |= {json.loads(p.read_text())["label"] for p in module.glob("number_card/*/*.json")}
	texts |= {json.loads(p.read_text())["chart_name"] for p in module.glob("dashboard_chart/*/*.json")}
	for path in module.glob("web_form/*/*.json"):
		form = json.loads(path.read_text())
		texts |= {
			form["title"],
			form["introduction_text"],
			form["success_message"],
			form["success_title"],
			form["list_title"],
		}
		texts |= {f["label"] for f in form["web_form_fields"]} | {c["label"] for c in form["list_columns"]}
	assert sorted(t for t in texts if t not in catalogue) == []
