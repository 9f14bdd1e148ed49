// What the app keeps on the phone: the last home screen (shown when offline) and the contacts waiting
// to be sent. Each waiting contact keeps the id it was given when the form opened (client_id): sending
// it again, after a lost answer or a second tap, gets the contact already recorded (the server records
// one contact per id), so a contact is recorded exactly once.
import { reactive } from "vue"
import { call, OfflineError, uploadPhoto } from "./api"

const HOME = "kidcare_home"
const QUEUE = "kidcare_queue"

function load(key, fallback) {
	try {
		return JSON.parse(localStorage.getItem(key)) || fallback
	} catch (e) {
		return fallback
	}
}

export const state = reactive({
	home: load(HOME, null),
	queue: load(QUEUE, []),
	online: navigator.onLine,
	loading: false,
	error: "",
	sending: false,
})

function saveQueue() {
	localStorage.setItem(QUEUE, JSON.stringify(state.queue))
}

export function newClientId() {
	if (window.crypto && crypto.randomUUID) return crypto.randomUUID()
	const bytes = crypto.getRandomValues(new Uint8Array(16))
	return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("")
}

export async function refresh() {
	state.loading = true
	try {
		state.home = await call("kidcare.volunteer_app.home.get_home")
		localStorage.setItem(HOME, JSON.stringify(state.home))
		state.error = ""
	} catch (e) {
		if (!(e instanceof OfflineError)) state.error = e.message
	} finally {
		state.loading = false
	}
}

// Keep the contact on the phone first, then try to send everything that waits.
export async function queueContact(args, label, photo = null) {
	if (state.queue.some((item) => item.args.client_id === args.client_id)) return
	state.queue.push({ args, label, photo, error: "" })
	saveQueue()
	await flush()
}

export function discard(item) {
	state.queue.splice(state.queue.indexOf(item), 1)
	saveQueue()
}

export async function flush() {
	if (state.sending || !state.queue.length) return
	state.sending = true
	let sent = 0
	try {
		for (const item of [...state.queue]) {
			try {
				const contact = await call("kidcare.volunteer_app.contacts.log_contact", item.args, { post: true })
				if (item.photo) {
					// the contact is recorded (a retry returns it): the photo follows, then leaves the phone
					await uploadPhoto(contact.name, item.photo, `${item.args.client_id}.jpg`)
					item.photo = null
				}
				state.queue.splice(state.queue.indexOf(item), 1)
				sent += 1
			} catch (e) {
				if (e instanceof OfflineError) break
				item.error = e.message // refused: shown with the contact, for her to read and discard
			}
			saveQueue()
		}
	} finally {
		state.sending = false
	}
	if (sent) await refresh()
}

window.addEventListener("online", () => {
	state.online = true
	flush()
})
window.addEventListener("offline", () => (state.online = false))
