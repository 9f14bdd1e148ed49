// Calls to the app's whitelisted methods (kidcare/volunteer_app/): the session cookie and the page's
// CSRF token, Frappe's error messages shown as they come (in the caller's language).
export class OfflineError extends Error {}
export class ServerError extends Error {}

const boot = window.kidcare_boot || {}

function messageOf(data) {
	try {
		const messages = JSON.parse(data._server_messages || "[]").map((m) => JSON.parse(m).message)
		if (messages.length) return messages.join("\n").replace(/<[^>]+>/g, "")
	} catch (e) {
		/* not Frappe's format */
	}
	return (data.exception || "").split(":").slice(1).join(":").trim()
}

export async function call(method, args = {}, { post = false } = {}) {
	const options = {
		method: post ? "POST" : "GET",
		credentials: "same-origin",
		headers: { Accept: "application/json", "X-Frappe-CSRF-Token": boot.csrf_token || "" },
	}
	let url = `/api/method/${method}`
	if (post) {
		options.headers["Content-Type"] = "application/json"
		options.body = JSON.stringify(args)
	} else if (Object.keys(args).length) {
		url += "?" + new URLSearchParams(args)
	}
	let response
	try {
		response = await fetch(url, options)
	} catch (e) {
		throw new OfflineError(e.message)
	}
	const data = await response.json().catch(() => ({}))
	if (!response.ok) {
		throw new ServerError(messageOf(data) || response.statusText)
	}
	return data.message
}
