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
	if result["setup"].startswith("left to"):
		click.echo(
			f"The site's setup wizard belongs to {result['setup'][len('left to ') :]}: log in as Administrator"
			" and complete it (company, fiscal year) before the demo's staff use the desk."
		)


commands = [kidcare_demo]
