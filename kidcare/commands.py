"""bench commands kidcare adds: ``bench --site SITE kidcare-demo``."""

import click
from frappe.commands import get_site, pass_context


@click.command("kidcare-demo")
@pass_context
def kidcare_demo(context):
	"""Fill the site with a demo district (areas, staff logins with area scoping)."""
	import frappe

	from kidcare.demo import make_demo

	site = get_site(context)
	frappe.init(site=site)
	frappe.connect()
	try:
		result = make_demo()
	finally:
		frappe.destroy()
	click.echo(f"Demo district {result['district']} is ready on {site}.")
	click.echo(f"Log in as any of {', '.join(result['users'])} with password {result['password']}")


commands = [kidcare_demo]
