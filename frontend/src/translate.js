// Frappe's translation for the app: the page puts kidcare's translations for the caller's language
// into window.kidcare_boot.messages (kidcare/www/kidcare.py); keys are "text" or "text:context", as in
// Frappe's own __(). The app's words are its own sentences ("Save the contact", not "Save"), so that
// their context-free entries never change a word of Frappe's or another app's.
const messages = (window.kidcare_boot && window.kidcare_boot.messages) || {}

export function __(text, args = [], context = null) {
	const translated = (context && messages[`${text}:${context}`]) || messages[text] || text
	return translated.replace(/\{(\d+)\}/g, (match, i) => (args[i] === undefined ? match : args[i]))
}
