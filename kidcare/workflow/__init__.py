"""Workflows kidcare ships.

Each ``definitions/*.json`` is a Workflow document (states, transitions, roles). ``installer.py``
creates the ones that are missing, with the Workflow State and Workflow Action Master records they
name, on install and on every migrate, and never touches one that already exists: from then on the
workflow belongs to the administrator, who may rename states, add steps or change roles in the desk.
The app's side effects hang on docstatus and on fields the states set, never on a state's name.
"""
