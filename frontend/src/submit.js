// A form that posts to one of the app's endpoints: busy while it goes, the server's own message (in the
// volunteer's language) when it is refused, done once it is taken, and her home refreshed.
import { ref } from "vue"
import { call } from "./api"
import { refresh } from "./store"

export function useSubmit(method, args) {
	const busy = ref(false)
	const error = ref("")
	const done = ref(false)

	async function submit() {
		busy.value = true
		error.value = ""
		try {
			await call(method, args(), { post: true })
			done.value = true
			refresh()
		} catch (e) {
			error.value = e.message
		} finally {
			busy.value = false
		}
	}

	return { busy, error, done, submit }
}
