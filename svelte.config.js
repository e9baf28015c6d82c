import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

// BUILD_DIR lets parallel e2e runs build into separate folders.
const out = process.env.BUILD_DIR ?? 'build';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter({ out }),
		outDir: process.env.SVELTEKIT_OUT_DIR ?? '.svelte-kit',
		csrf: { trustedOrigins: [] },
		// The client asks the server which route a link is, instead of loading every route's entry
		// (the kiosk start screen's JS grows with each staff page otherwise).
		router: { resolution: 'server' },
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:', 'blob:'],
				'font-src': ['self'],
				'connect-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self']
			}
		}
	}
};

export default config;
