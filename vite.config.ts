import { sveltekit } from '@sveltejs/kit/vite';
import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { defineConfig } from 'vite';

export default defineConfig({
	plugins: [
		paraglideVitePlugin({
			project: './project.inlang',
			outdir: './src/lib/paraglide',
			// No locale in the URL: staff and kiosk addresses stay stable; the choice lives in a cookie.
			strategy: ['cookie', 'baseLocale']
		}),
		sveltekit()
	],
	server: { port: 3000 }
});
