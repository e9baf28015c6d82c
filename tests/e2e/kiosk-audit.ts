import type { Page } from '@playwright/test';

export interface KioskAudit {
	/** How far the page is wider than the screen (it scrolls sideways), and what sticks out. */
	sideways: number;
	wide: string[];
	/** Targets smaller than the minimum (tag, text, width × height). */
	small: string[];
	/** Text below the minimum font size. */
	tinyText: string[];
	/** Text whose contrast against its background is below WCAG AA. */
	lowContrast: string[];
	/** Elements whose content is cut off (an amount that does not fit). */
	clipped: string[];
	/** The body text size (px) of the kiosk. */
	bodyPx: number;
}

/**
 * Measures a kiosk page in the browser: every visible target (links, buttons, inputs), every
 * text's size and its contrast against the colour it really sits on (the first opaque background
 * up the tree), sideways scrolling, and content cut off by its box.
 */
export async function auditKiosk(
	page: Page,
	{ minTarget, minText }: { minTarget: number; minText: number }
): Promise<KioskAudit> {
	return page.evaluate(
		({ minTarget, minText }) => {
			const parse = (c: string) => {
				const m = c.match(/rgba?\(([^)]+)\)/);
				if (!m) return [0, 0, 0, 0];
				const p = m[1]
					.split(/[ ,/]+/)
					.filter(Boolean)
					.map(Number);
				return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
			};
			const lum = ([r, g, b]: number[]) => {
				const f = (v: number) => {
					v /= 255;
					return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
				};
				return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
			};
			const background = (el: Element | null): number[] => {
				for (; el; el = el.parentElement) {
					const c = parse(getComputedStyle(el).backgroundColor);
					if (c[3] >= 0.99) return c;
				}
				return [255, 255, 255, 1];
			};
			const visible = (el: Element) => {
				const r = el.getBoundingClientRect();
				const s = getComputedStyle(el);
				return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.opacity !== '0';
			};
			const name = (el: Element) =>
				`${el.tagName.toLowerCase()}${el.getAttribute('data-testid') ? '#' + el.getAttribute('data-testid') : ''} "${(el.textContent ?? '').trim().slice(0, 30)}"`;
			const root = document.querySelector('.kiosk') ?? document.body;

			const small: string[] = [];
			for (const el of root.querySelectorAll(
				'a[href], button, input:not([type=hidden]):not([type=file]), select, textarea, [role=button]'
			)) {
				if (!visible(el) || el.closest('.print-only, [hidden]')) continue;
				const r = el.getBoundingClientRect();
				// A file input is styled through its label; a checkbox through its label row.
				if (el instanceof HTMLInputElement && ['checkbox', 'radio'].includes(el.type)) continue;
				if (r.width < minTarget - 0.5 || r.height < minTarget - 0.5)
					small.push(`${name(el)} ${Math.round(r.width)}×${Math.round(r.height)}`);
			}

			const tinyText: string[] = [];
			const lowContrast: string[] = [];
			const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
			const seen = new Set<Element>();
			for (let n = walker.nextNode(); n; n = walker.nextNode()) {
				const el = n.parentElement;
				if (!el || seen.has(el) || !(n.textContent ?? '').trim() || !visible(el)) continue;
				if (el.closest('svg, [aria-hidden=true], .sr-only')) continue;
				seen.add(el);
				const s = getComputedStyle(el);
				const px = parseFloat(s.fontSize);
				if (px < minText - 0.5) tinyText.push(`${name(el)} ${px}px`);
				const fg = parse(s.color);
				const bg = background(el);
				const a = fg[3];
				const mixed = [0, 1, 2].map((i) => fg[i] * a + bg[i] * (1 - a));
				const [l1, l2] = [lum(mixed), lum(bg)].sort((x, y) => y - x);
				const ratio = (l1 + 0.05) / (l2 + 0.05);
				const large = px >= 24 || (px >= 18.66 && Number(s.fontWeight) >= 700);
				if (ratio < (large ? 3 : 4.5) - 0.01)
					lowContrast.push(
						`${name(el)} ${ratio.toFixed(2)} (${s.color} on rgb(${bg.slice(0, 3)}))`
					);
			}

			const clipped: string[] = [];
			for (const el of root.querySelectorAll('*')) {
				if (!visible(el)) continue;
				const s = getComputedStyle(el);
				const hides = ['hidden', 'clip'].includes(s.overflowX) || s.textOverflow === 'ellipsis';
				if (hides && el.scrollWidth > el.clientWidth + 1) clipped.push(name(el));
			}

			const width = document.documentElement.clientWidth;
			const wide: string[] = [];
			for (const el of document.body.querySelectorAll('*'))
				if (
					el.getBoundingClientRect().right > width + 1 ||
					(el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0 && !el.children.length)
				)
					wide.push(`${name(el)} ${el.scrollWidth}/${el.clientWidth}`);
			return {
				wide,
				sideways: document.documentElement.scrollWidth - document.documentElement.clientWidth,
				small,
				tinyText,
				lowContrast,
				clipped,
				bodyPx: parseFloat(getComputedStyle(root).fontSize)
			};
		},
		{ minTarget, minText }
	);
}
