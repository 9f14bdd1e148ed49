import { createApp } from "vue"
import { createRouter, createWebHistory } from "vue-router"
import App from "./App.vue"
import Home from "./pages/Home.vue"
import LogContact from "./pages/LogContact.vue"
import Review from "./pages/Review.vue"
import Withdraw from "./pages/Withdraw.vue"
import RaiseDemand from "./pages/RaiseDemand.vue"
import Activities from "./pages/Activities.vue"
import { __ } from "./translate"
import "./style.css"

const router = createRouter({
	history: createWebHistory("/kidcare/"),
	routes: [
		{ path: "/", name: "home", component: Home },
		{ path: "/log/:pairing?", name: "log", component: LogContact },
		{ path: "/checkin", name: "checkin", component: LogContact },
		{ path: "/review/:name", name: "review", component: Review },
		{ path: "/withdraw/:pairing", name: "withdraw", component: Withdraw },
		{ path: "/demand/:pairing", name: "demand", component: RaiseDemand },
		{ path: "/activities", name: "activities", component: Activities },
		{ path: "/:rest(.*)", redirect: "/" },
	],
})

const app = createApp(App)
app.config.globalProperties.__ = __
app.use(router)
app.mount("#app")

if ("serviceWorker" in navigator) {
	navigator.serviceWorker.register("/kidcare/sw.js", { scope: "/kidcare/" }).catch(() => {})
}
