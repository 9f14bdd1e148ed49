// Frappe's translation for the app: the page puts kidcare's translations for the caller's language
// into window.kidcare_boot.messages (kidcare/www/kidcare.py); keys are "text" or "text:context", as in
// Frappe's own __(). The app's own words are kept under the context "Volunteer App" (zh.csv), so that
// they never change a word of Frappe's or another app's ("Save", "Date").
const APP = "Volunteer App"
const messages = (window.kidcare_boot && window.kidcare_boot.messages) || {}

export function __(text, args = [], context = null) {
	const translated = messages[`${text}:${context || APP}`] || messages[text] || text
	return translated.replace(/\{(\d+)\}/g, (match, i) => (args[i] === undefined ? match : args[i]))
}
