// As the `sv` templates configure it: typescript-eslint and eslint-plugin-svelte, formatting left to Prettier.
import prettier from 'eslint-config-prettier';
import { includeIgnoreFile } from '@eslint/compat';
import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import { fileURLToPath } from 'node:url';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

const gitignorePath = fileURLToPath(new URL('./.gitignore', import.meta.url));

export default ts.config(
	includeIgnoreFile(gitignorePath),
	{ ignores: ['drizzle/', 'static/'] },
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	prettier,
	...svelte.configs.prettier,
	{
		languageOptions: { globals: { ...globals.browser, ...globals.node } },
		// typescript-eslint: no-undef only duplicates what the type checker already reports.
		rules: {
			'no-undef': 'off',
			// The app is served at the root (no `paths.base`), so wrapping every href in resolve()
			// would change nothing a user sees; svelte-check already checks the route files exist.
			'svelte/no-navigation-without-resolve': 'off',
			// U+3000 (the full-width space) is deliberate in Chinese text, printed forms and comments.
			'no-irregular-whitespace': [
				'error',
				{ skipStrings: true, skipTemplates: true, skipComments: true, skipRegExps: true }
			],
			// `_name` marks a parameter a signature needs but the body does not; `{ a: _, ...rest }` omits a field.
			'@typescript-eslint/no-unused-vars': [
				'error',
				{ argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }
			]
		}
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
		languageOptions: {
			// No `projectService` (the template's): type information for every .svelte file made
			// `eslint .` take 170 s instead of 28 s, most of CI's lint step (issue 22: CI under 45
			// minutes). svelte-check type-checks them; only svelte/no-unused-props goes quiet without it.
			parserOptions: {
				extraFileExtensions: ['.svelte'],
				parser: ts.parser,
				svelteConfig
			}
		}
	}
);
