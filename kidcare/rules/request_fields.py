"""Which fields a client's request names, in the many shapes Frappe's generic endpoints accept.

A list, a count, a report view, a search, a chart or a map filtered, sorted or grouped by a field the
caller may not read answers yes or no about it, one character at a time. ``kidcare.access.gate``
refuses such requests; this module only reads them: no Frappe here.

A field is named as ``(doctype, fieldname)``; doctype is None where the request leaves it to the
endpoint's own doctype (``{"id_number": "1"}``, ``order_by=id_number desc``).
"""

import json
import re

Field = tuple[str | None, str]

# parameters whose values name fields (as filters, as SQL fragments or as bare names)
FILTER_PARAMS = ("filters", "or_filters", "current_filters", "filters_json", "dynamic_filters_json")
SQL_PARAMS = ("order_by", "sort_by", "sort_field", "group_by", "group_by_field")
NAME_PARAMS = (
	"field",
	"field_name",
	"fieldname",
	"searchfield",
	"aggregate_on_field",
	"based_on",
	"group_by_based_on",
	"value_based_on",
	"aggregate_function_based_on",
	"x_field",
)
LIST_PARAMS = ("filter_fields", "y_axis", "stats")
MAP_PARAMS = ("field_map",)
# a chart or number card sent whole by the client: its own doctype and the parameters above
DOCUMENT_PARAMS = ("chart", "doc", "docs", "args")
DOCTYPE_KEYS = ("document_type", "doctype", "dt", "parent_document_type", "reference_doctype")

QUALIFIED = re.compile(r"`?tab([^`.]+?)`?\s*\.\s*`?([A-Za-z_][A-Za-z0-9_]*)`?")
# a path through a link field (``child.id_number``) or any other qualifier that is not a table's
LINK_PATH = re.compile(r"(?<![\w`])`?([A-Za-z_][\w ]*?)`?\s*\.\s*`?([A-Za-z_][A-Za-z0-9_]*)`?")
#: what ``fields_in_sql`` reports for a link path and for SQL that a field reference never needs
LINK = "->"
FORBIDDEN = "!"
FORBIDDEN_WORDS = {"select", "union", "having", "from", "where", "into", "sleep", "benchmark", "information_schema"}
WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
SQL_WORDS = {"asc", "desc", "and", "or", "not", "null", "is", "in", "like", "as", "ifnull", "coalesce",
	"count", "sum", "avg", "min", "max", "distinct", "if", "case", "when", "then", "else", "end",
	"locate", "nullif", "lower", "upper", "length", "substr", "substring", "left", "right", "cast",
	"concat", "char", "date", "timestamp"}  # fmt: skip


def parse(value):
	"""A request parameter as Python: JSON strings are decoded, anything else is kept."""
	if isinstance(value, str | bytes):
		text = value.strip()
		if text[:1] in ("[", "{"):
			try:
				return json.loads(text)
			except ValueError:
				return value
	return value


def fields_in_filters(filters, doctype: str | None = None) -> set[Field]:
	"""The fields a filter argument names: a dict ``{field: value}``, a list of ``[field, op, value]``
	or ``[doctype, field, op, value(, hidden)]``, or a list of dicts, in any nesting Frappe accepts."""
	filters = parse(filters)
	found: set[Field] = set()
	if isinstance(filters, dict):
		for key in filters:
			found |= fields_in_sql(str(key), doctype)
	elif is_condition(filters):
		if len(filters) >= 4:
			found |= fields_in_sql(str(filters[1]), str(filters[0]))
		else:
			found |= fields_in_sql(filters[0], doctype)
	elif isinstance(filters, list | tuple):
		for item in filters:
			found |= fields_in_filters(item, doctype)
	return found


def is_condition(value) -> bool:
	"""``[field, op, value]``, ``[doctype, field, op, value]`` or ``[doctype, field, op, value, hidden]``."""
	return (
		isinstance(value, list | tuple)
		and 2 <= len(value) <= 5
		and isinstance(value[0], str)
		and isinstance(value[1], str)
	)


def fields_in_sql(fragment: str, doctype: str | None = None) -> set[Field]:
	"""The fields an order-by, group-by or field expression names, qualified or bare."""
	found: set[Field] = set()
	if not isinstance(fragment, str):
		return found
	rest = re.sub(r"'[^']*'|\"[^\"]*\"", " ", fragment)
	for table, column in QUALIFIED.findall(rest):
		found.add((table.strip(), column))
	rest = QUALIFIED.sub(" ", rest)
	for qualifier, column in LINK_PATH.findall(rest):
		found.add((LINK, f"{qualifier.strip()}.{column}"))
	rest = LINK_PATH.sub(" ", rest)
	for word in WORD.findall(rest):
		if word.lower() in FORBIDDEN_WORDS:
			found.add((FORBIDDEN, word.lower()))
		elif word.lower() not in SQL_WORDS and not word.isdigit():
			found.add((doctype, word))
	return found


def fields_in_request(params: dict, doctype: str | None = None) -> set[Field]:
	"""Every field a request's parameters name, for the request's ``doctype``."""
	found: set[Field] = set()
	for key in FILTER_PARAMS:
		if params.get(key):
			found |= fields_in_filters(params[key], doctype)
	for key in SQL_PARAMS + NAME_PARAMS:
		value = parse(params.get(key))
		if isinstance(value, str) and value:
			found |= fields_in_sql(value, doctype)
		elif isinstance(value, list | tuple):
			for item in value:
				if isinstance(item, str):
					found |= fields_in_sql(item, doctype)
	for key in LIST_PARAMS:
		value = parse(params.get(key))
		for item in value if isinstance(value, list | tuple) else []:
			if isinstance(item, str):
				found |= fields_in_sql(item, doctype)
			elif isinstance(item, dict):
				found |= {(doctype, str(v)) for v in item.values() if isinstance(v, str)}
	for key in MAP_PARAMS:
		value = parse(params.get(key))
		if isinstance(value, dict):
			for item in value.values():
				if isinstance(item, str):
					found |= fields_in_sql(item, doctype)
	for key in DOCUMENT_PARAMS:
		value = parse(params.get(key))
		if isinstance(value, dict):
			own = next((value[k] for k in DOCTYPE_KEYS if isinstance(value.get(k), str)), doctype)
			found |= fields_in_request(value, own)
	return found


def doctypes_in_request(params: dict) -> set[str]:
	"""Every doctype a request names: its own, a reference doctype, a filter's or a document's."""
	names = {params[k] for k in DOCTYPE_KEYS if isinstance(params.get(k), str)}
	for key in DOCUMENT_PARAMS:
		value = parse(params.get(key))
		if isinstance(value, dict):
			names |= doctypes_in_request(value)
	names |= {dt for dt, _field in fields_in_request(params) if dt and dt not in (LINK, FORBIDDEN)}
	return names


def claimed_doctypes(params: dict) -> set[str]:
	"""The doctypes a request says it is about: its ``doctype`` parameter and that of each chart, card or
	document it sends whole. A request about one thing names one."""
	claimed = {params["doctype"]} if isinstance(params.get("doctype"), str) else set()
	for key in DOCUMENT_PARAMS:
		value = parse(params.get(key))
		if isinstance(value, dict):
			found = next((value[k] for k in DOCTYPE_KEYS if isinstance(value.get(k), str)), None)
			if found:
				claimed.add(found)
	return claimed


def table_name(name: str) -> str:
	"""A joined table's doctype: Frappe aliases a linked table ``tabChild Profile_1``."""
	return re.sub(r"_\d+$", "", name)
