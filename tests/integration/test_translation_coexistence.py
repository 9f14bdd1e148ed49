"""kidcare never changes what another app's screens say in Chinese.

Frappe merges every installed app's translations (``translations/zh.csv`` and the gettext catalogues
under ``<app>/locale/``) into one dictionary, the app installed last winning. A kidcare entry without a
context is looked up for every screen of the site, and also as the fallback of every lookup with a
context (``_(text, context=...)`` falls back to the bare text), so kidcare ships none for a string that
Frappe or another installed app (ERPNext, when the site has it) also has as a source string. kidcare's
own wording for such a word is bound to its own doctype, report or page as the context, which the desk
passes for labels, options, list indicators, report columns and filters.
"""

import csv
import json
from pathlib import Path

import frappe
from frappe.translate import get_translations_from_apps

from kidcare import install


def kidcare_rows() -> list[list[str]]:
	path = Path(frappe.get_app_path("kidcare", "translations", "zh.csv"))
	with path.open(encoding="utf-8", newline="") as f:
		return [row for row in csv.reader(f) if row]


def other_apps() -> list[str]:
	return [app for app in frappe.get_installed_apps() if app != "kidcare"]


def source_strings(app: str) -> set[str]:
	"""Every source string of ``app``: its CSV translations (any language) and its gettext template and
	catalogues, with or without a context."""
	from babel.messages.pofile import read_po

	sources = set()
	root = Path(frappe.get_app_path(app))
	for path in (root / "translations").glob("*.csv"):
		with path.open(encoding="utf-8", newline="") as f:
			sources |= {row[0] for row in csv.reader(f) if row and row[0]}
	for path in [*(root / "locale").glob("*.pot"), *(root / "locale").glob("*.po")]:
		with path.open("rb") as f:
			sources |= {m.id for m in read_po(f) if isinstance(m.id, str) and m.id}
	return sources


def test_the_other_apps_catalogues_were_found():
	assert "frappe" in other_apps()
	sources = source_strings("frappe")
	assert {"Submitted", "Open", "Draft", "Status", "Reason", "Period"} <= sources
	if "erpnext" in other_apps():
		assert {"Capacity", "Contacts", "Returned"} <= source_strings("erpnext")


def test_no_context_free_entry_of_kidcare_is_another_apps_source_string():
	foreign = {app: source_strings(app) for app in other_apps()}
	theirs = get_translations_from_apps("zh", other_apps())
	clashes = [
		(row[0], row[1], theirs.get(row[0]), [app for app, s in foreign.items() if row[0] in s])
		for row in kidcare_rows()
		if not (len(row) > 2 and row[2]) and any(row[0] in s for s in foreign.values())
	]
	assert not clashes, (
		"context-free kidcare translations of other apps' strings (source, kidcare, theirs, apps); give "
		f"each the kidcare doctype as context or use kidcare's own wording: {clashes}"
	)


def test_every_context_is_kidcares_own():
	"""A contextual entry binds a word to a kidcare doctype, report, page or workflow, never to a context
	another app looks up (a doctype of theirs, "Button", ...)."""
	module = Path(frappe.get_app_path("kidcare", "kidcare"))
	own = set(install.shipped_doctype_names())
	for kind in ("report", "page", "web_form", "workspace"):
		own |= {json.loads(p.read_text())["name"] for p in module.glob(f"{kind}/*/*.json") if p.stem == p.parent.name}
	from kidcare.workflow.installer import load_definitions

	own |= {d["workflow_name"] for d in load_definitions()}
	contexts = {row[2] for row in kidcare_rows() if len(row) > 2 and row[2]}
	assert sorted(contexts - own) == []


def test_the_site_says_in_chinese_what_the_other_apps_say_without_kidcare():
	"""The dictionary Frappe builds for the site (all apps, kidcare last) agrees with the one built
	without kidcare on every entry of the other apps."""
	without = get_translations_from_apps("zh", other_apps())
	merged = get_translations_from_apps("zh", [*other_apps(), "kidcare"])
	changed = {key: (value, merged[key]) for key, value in without.items() if merged[key] != value}
	assert not changed


def test_kidcares_screens_keep_kidcares_words_and_the_rest_keeps_frappes():
	frappe.local.lang = "zh"
	frappe.local.lang_full_dict = None
	frappe.cache.delete_value("lang_full_dict")
	theirs = get_translations_from_apps("zh", other_apps())
	# a label looked up with its doctype, as the desk does
	assert frappe._("Period", context="Monthly Review") == "评估月份"
	assert frappe._("Reason", context="Exit Request") == "退出原因"
	assert frappe._("Submitted", context="Monthly Review") == "待审核"
	assert frappe._("Capacity", context="Care Volunteer") == "可结对名额"
	# the same words elsewhere: whatever the other apps say (or the English word)
	for word in ("Period", "Reason", "Submitted", "Open", "Draft", "Capacity", "Contacts", "Approve", "Status"):
		assert frappe._(word) == theirs.get(word, word), word
		assert frappe._(word, context="ToDo") == theirs.get(f"{word}:ToDo", theirs.get(word, word)), word
	# the workflow states and actions are kidcare's own words
	assert frappe._("Review Submitted") == "待审核"
	assert frappe._("Approve Enrollment") == "批准登记"
