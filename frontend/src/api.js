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

// A photo of a contact, attached to it through Frappe's upload_file (kidcare keeps it private, and only
// whoever may change the contact may attach to it).
export async function uploadPhoto(contact, dataUrl, fileName) {
	const blob = await (await fetch(dataUrl)).blob()
	const form = new FormData()
	form.append("file", blob, fileName)
	form.append("doctype", "Care Contact")
	form.append("docname", contact)
	form.append("is_private", "1")
	let response
	try {
		response = await fetch("/api/method/upload_file", {
			method: "POST",
			credentials: "same-origin",
			headers: { Accept: "application/json", "X-Frappe-CSRF-Token": boot.csrf_token || "" },
			body: form,
		})
	} catch (e) {
		throw new OfflineError(e.message)
	}
	if (!response.ok) throw new ServerError(messageOf(await response.json().catch(() => ({}))) || response.statusText)
}

// A photo made small enough to wait on the phone (a JPEG at most 1280 pixels wide or high).
export function shrinkPhoto(file, size = 1280) {
	return new Promise((resolve, reject) => {
		const image = new Image()
		image.onload = () => {
			const scale = Math.min(1, size / Math.max(image.width, image.height))
			const canvas = document.createElement("canvas")
			canvas.width = Math.round(image.width * scale)
			canvas.height = Math.round(image.height * scale)
			canvas.getContext("2d").drawImage(image, 0, 0, canvas.width, canvas.height)
			URL.revokeObjectURL(image.src)
			resolve(canvas.toDataURL("image/jpeg", 0.8))
		}
		image.onerror = reject
		image.src = URL.createObjectURL(file)
	})
}
