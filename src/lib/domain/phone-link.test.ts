import { describe, expect, it } from 'vitest';
import { communityOfCode, COMMUNITY_PARAM, phoneLink, phonePath } from './phone-link';

describe('phone links', () => {
	it('name the community after via=mobile, keeping the page’s own query first', () => {
		expect(phoneLink('https://wy.example', '/kiosk', 'HXY')).toBe(
			'https://wy.example/kiosk?via=mobile&c=HXY'
		);
		expect(phoneLink('http://10.0.0.5:3000', '/kiosk/queue/42', 'LMXG')).toBe(
			'http://10.0.0.5:3000/kiosk/queue/42?via=mobile&c=LMXG'
		);
		expect(
			phoneLink('https://wy.example', '/kiosk/identify', 'HXY', {
				room: '1-1-101',
				next: '/kiosk/me'
			})
		).toBe('https://wy.example/kiosk/identify?room=1-1-101&next=%2Fkiosk%2Fme&via=mobile&c=HXY');
	});
	it('add the code to a page that has a query already (the chooser’s way back)', () => {
		expect(phonePath('/kiosk/queue/42?via=kiosk&x=1', 'HXY')).toBe(
			'/kiosk/queue/42?via=mobile&x=1&c=HXY'
		);
		expect(phonePath('/kiosk?c=OLD', 'HXY')).toBe('/kiosk?c=HXY&via=mobile');
	});
	it('encode what the query holds, and read back the same values', () => {
		const url = new URL(
			phoneLink('https://wy.example', '/kiosk/identify', 'A&B', { room: '3 号楼#1' })
		);
		expect(url.searchParams.get('room')).toBe('3 号楼#1');
		expect(url.searchParams.get(COMMUNITY_PARAM)).toBe('A&B');
		expect(url.pathname).toBe('/kiosk/identify');
	});
	it('name a community by its code, whatever the case; an unknown code names none', () => {
		const all = [
			{ id: 7, code: 'LMXG' },
			{ id: 9, code: 'HXY' }
		];
		expect(communityOfCode(all, 'HXY')?.id).toBe(9);
		expect(communityOfCode(all, ' hxy ')?.id).toBe(9);
		for (const bad of [null, undefined, '', '  ', 'HX', '荷香苑', 'HXY'.repeat(11)])
			expect(communityOfCode(all, bad), String(bad)).toBeNull();
	});
});
