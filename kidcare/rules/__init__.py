"""Pure rules of the care program.

Nothing in this package imports Frappe: the rules are plain functions over plain values, so the unit
layer (``tests/unit``) can test them exhaustively and fast. Controllers call them and turn a broken
rule into a translated ``frappe.throw``.
"""
