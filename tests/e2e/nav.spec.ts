import { expect, test, login, open } from './helpers';

/*
 * The area bar at the counter's usual screen sizes: every area a clerk or manager has is in sight
 * without scrolling the bar (the registers after the ten keyed areas once ran off the right edge at
 * 1366 px), in Chinese and in English, whose labels are longer.
 */
for (const size of [
	{ width: 1366, height: 768 },
	{ width: 1280, height: 720 }
]) {
	for (const who of ['clerk', 'manager'] as const) {
		test(`${who}: every area link in sight at ${size.width} px`, async ({ page }) => {
			await page.setViewportSize(size);
			await login(page, who);
			for (const lang of ['zh', 'en']) {
				await open(page, '/counter');
				if (lang === 'en') {
					await page.getByTestId('lang-switch').click();
					await expect(page.locator('html')).toHaveAttribute('lang', 'en');
				}
				const links = page.locator('header nav a');
				const count = await links.count();
				expect(count).toBeGreaterThan(10);
				for (let i = 0; i < count; i++) {
					const box = await links.nth(i).boundingBox();
					const label = await links.nth(i).innerText();
					expect(box, label).not.toBeNull();
					expect(box!.x, label).toBeGreaterThanOrEqual(0);
					expect(box!.x + box!.width, label).toBeLessThanOrEqual(size.width);
				}
			}
		});
	}
}
