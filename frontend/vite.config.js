// The volunteers' app, built the way frappe/hrms (version-15) builds its PWA: into the app's public
// folder (served at /assets/kidcare/frontend/), the entry html copied to kidcare/www/kidcare.html by
// the `copy-html-entry` script, so that the site serves the app at /kidcare with the page's boot data.
import path from "path"
import { defineConfig } from "vite"
import vue from "@vitejs/plugin-vue"
import { VitePWA } from "vite-plugin-pwa"

export default defineConfig({
	plugins: [
		vue(),
		VitePWA({
			registerType: "autoUpdate",
			includeManifestIcons: false, // precached by globPatterns, with their full path
			injectRegister: null, // src/main.js registers it, with the scope of the app's route
			scope: "/kidcare/",
			manifest: {
				name: "爱心妈妈 · 结对帮扶",
				short_name: "爱心妈妈",
				description: "爱心妈妈的结对帮扶手机应用：我的孩子、联系记录、月度汇报",
				lang: "zh-CN",
				start_url: "/kidcare/",
				scope: "/kidcare/",
				display: "standalone",
				background_color: "#fff7f8",
				theme_color: "#d94f70",
				icons: [
					{ src: "icon-192.png", sizes: "192x192", type: "image/png" },
					{ src: "icon-512.png", sizes: "512x512", type: "image/png" },
					{ src: "icon-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
				],
			},
			workbox: {
				// the app shell (scripts, styles, icons) is precached; the page itself (/kidcare, with its
				// per-user boot data) is fetched from the network and served from the cache when offline
				globPatterns: ["**/*.{js,css,png,svg,ico,woff2}"],
				// the worker is served at /kidcare/sw.js (kidcare/volunteer_app/service_worker.py): the
				// files it precaches are named by their full path, and workbox is inlined
				modifyURLPrefix: { "": "/assets/kidcare/frontend/" },
				inlineWorkboxRuntime: true,
				manifestTransforms: [
					async (entries) => ({
						manifest: entries.map((e) => ({
							...e,
							url: e.url.startsWith("/") ? e.url : `/assets/kidcare/frontend/${e.url}`,
						})),
						warnings: [],
					}),
				],
				navigateFallback: null,
				runtimeCaching: [
					{
						urlPattern: ({ request, url }) =>
							request.mode === "navigate" && url.pathname.startsWith("/kidcare"),
						handler: "NetworkFirst",
						options: { cacheName: "kidcare-pages", networkTimeoutSeconds: 4 },
					},
				],
			},
		}),
	],
	resolve: { alias: { "@": path.resolve(__dirname, "src") } },
	build: {
		outDir: "../kidcare/public/frontend",
		emptyOutDir: true,
		target: "es2018",
	},
})
