"""The app's service worker and manifest, served under /kidcare/ so that the worker's scope is the
app's route (a worker controls only pages under its own path, and the built files live under
/assets/kidcare/frontend/). hooks.website_route_rules maps the two paths to these endpoints."""

from pathlib import Path

from frappe.website.page_renderers.base_renderer import BaseRenderer
from werkzeug.wrappers import Response

BUILT = Path(__file__).parents[1] / "public" / "frontend"
#: endpoint -> (built file, mimetype)
FILES = {
	"kidcare-service-worker": ("sw.js", "application/javascript"),
	"kidcare-manifest": ("manifest.webmanifest", "application/manifest+json"),
}


class ServiceWorkerPage(BaseRenderer):
	def can_render(self):
		return self.path in FILES and (BUILT / FILES[self.path][0]).is_file()

	def render(self):
		filename, mimetype = FILES[self.path]
		response = Response((BUILT / filename).read_bytes(), mimetype=mimetype)
		response.headers["Cache-Control"] = "no-cache"
		return response
