import { describe, expect, it } from 'vitest';
import { kioskNext, roomOf } from './next';

describe('kioskNext', () => {
	it('follows a resident page, with its query', () => {
		expect(kioskNext('/kiosk/me/bills')).toBe('/kiosk/me/bills');
		expect(kioskNext('/kiosk/me/requests?x=1')).toBe('/kiosk/me/requests?x=1');
	});

	it('sends anything else to the resident home', () => {
		for (const next of [
			null,
			'',
			'/counter',
			'/kiosk/queue',
			'//evil.example/kiosk/me',
			'https://evil.example/kiosk/me'
		])
			expect(kioskNext(next)).toBe('/kiosk/me');
	});
});

describe('roomOf', () => {
	it('keeps what the keypad could type, cut to 16 characters', () => {
		expect(roomOf(' 4-1-701 ')).toBe('4-1-701');
		expect(roomOf('12345678901234567890')).toBe('1234567890123456');
	});

	it('drops anything else', () => {
		expect(roomOf(null)).toBe('');
		expect(roomOf('4-1-701<script>')).toBe('');
		expect(roomOf('四号楼')).toBe('');
	});
});
