import { describe, expect, it } from 'vitest';
import { crc32, deflateSync } from 'node:zlib';
import sharp from 'sharp';
import { PHOTO_MAX_BYTES, PHOTO_MAX_PIXELS } from '../../domain/photos';
import { checkPhotos, cleanPhoto, photosFromForm } from './photos';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function chunk(type: string, data: Buffer): Buffer {
	const len = Buffer.alloc(4);
	len.writeUInt32BE(data.length);
	const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
	const crc = Buffer.alloc(4);
	crc.writeUInt32BE(crc32(body) >>> 0);
	return Buffer.concat([len, body, crc]);
}

/** A complete, valid 1-bit greyscale PNG of width × height white-ish pixels: all zeros compress to almost nothing. */
function bitPng(width: number, height: number): Buffer {
	const ihdr = Buffer.alloc(13);
	ihdr.writeUInt32BE(width, 0);
	ihdr.writeUInt32BE(height, 4);
	ihdr[8] = 1; // bit depth
	ihdr[9] = 0; // greyscale
	const rows = Buffer.alloc((1 + Math.ceil(width / 8)) * height); // filter byte 0 + packed pixels, per row
	return Buffer.concat([
		PNG_SIGNATURE,
		chunk('IHDR', ihdr),
		chunk('IDAT', deflateSync(rows, { level: 9 })),
		chunk('IEND', Buffer.alloc(0))
	]);
}

function form(files: { name: string; bytes: Uint8Array; type: string }[]): FormData {
	const f = new FormData();
	for (const x of files)
		f.append('photos', new File([new Uint8Array(x.bytes)], x.name, { type: x.type }));
	return f;
}

async function upload(name: string, bytes: Uint8Array, type = 'image/png') {
	return checkPhotos(await photosFromForm(form([{ name, bytes, type }])), 4);
}

describe('uploaded photos are decoded within a pixel limit and re-encoded', () => {
	it('refuses a PNG header followed by HTML (it is not an image)', async () => {
		const polyglot = Buffer.concat([
			PNG_SIGNATURE,
			Buffer.from('<html><body><script>alert(document.cookie)</script></body></html>')
		]);
		expect(await upload('x.png', polyglot)).toEqual({
			ok: false,
			error: { code: 'photo_type', name: 'x.png' }
		});
	});

	it('refuses a 30000 × 30000 PNG of 100 KB by its header, before decoding it', async () => {
		const bomb = bitPng(30000, 30000);
		expect(bomb.length).toBeLessThan(200_000);
		expect((await sharp(bomb, { limitInputPixels: false }).metadata()).width).toBe(30000); // a real PNG, not a broken one
		expect(await upload('bomb.png', bomb)).toEqual({
			ok: false,
			error: { code: 'photo_pixels', name: 'bomb.png', maxMp: PHOTO_MAX_PIXELS / 1_000_000 }
		});
	});

	it('keeps an image just under the limit and refuses one just over it', async () => {
		expect((await cleanPhoto(bitPng(8000, 5000))).ok).toBe(true); // 40 MP exactly
		expect(await cleanPhoto(bitPng(8001, 5000))).toEqual({ ok: false, code: 'photo_pixels' });
	});

	it('drops EXIF (GPS, camera) from a JPEG and turns it upright', async () => {
		const jpeg = await sharp({ create: { width: 40, height: 20, channels: 3, background: '#c03' } })
			.jpeg()
			.withMetadata({ orientation: 6 })
			.withExifMerge({
				IFD0: { Make: 'PhoneMaker' },
				IFD3: {
					GPSLatitudeRef: 'N',
					GPSLatitude: '30/1 15/1 0/1',
					GPSLongitudeRef: 'E',
					GPSLongitude: '120/1 10/1 0/1'
				}
			})
			.toBuffer();
		expect(await sharp(jpeg).metadata()).toMatchObject({
			orientation: 6,
			exif: expect.any(Buffer)
		});
		expect(jpeg.includes(Buffer.from('PhoneMaker'))).toBe(true);
		const r = await upload('IMG_0001.jpg', jpeg, 'image/jpeg');
		if (!r.ok) throw new Error(JSON.stringify(r));
		const stored = Buffer.from(r.photos[0].bytes);
		expect(r.photos[0].mime).toBe('image/jpeg');
		const meta = await sharp(stored).metadata();
		expect(meta.exif).toBeUndefined();
		expect(meta.orientation).toBeUndefined();
		expect([meta.width, meta.height]).toEqual([20, 40]); // Orientation 6: rotated 90° into place
		expect(stored.includes(Buffer.from('PhoneMaker'))).toBe(false);
		expect(r.photos[0].size).toBe(stored.length);
	});

	it('stores only the image of a valid PNG with HTML appended, in its own format', async () => {
		const png = await sharp({ create: { width: 3, height: 2, channels: 4, background: '#0a0' } })
			.png()
			.toBuffer();
		const r = await upload('a.png', Buffer.concat([png, Buffer.from('<script>alert(1)</script>')]));
		if (!r.ok) throw new Error(JSON.stringify(r));
		expect(r.photos[0].mime).toBe('image/png');
		expect(Buffer.from(r.photos[0].bytes).includes(Buffer.from('<script>'))).toBe(false);
		expect((await sharp(Buffer.from(r.photos[0].bytes)).metadata()).width).toBe(3);
	});

	it('refuses a GIF or SVG behind a JPEG/PNG name, and a truncated JPEG', async () => {
		const gif = await sharp({ create: { width: 2, height: 2, channels: 3, background: '#000' } })
			.gif()
			.toBuffer();
		expect(await upload('a.png', gif)).toMatchObject({ ok: false, error: { code: 'photo_type' } });
		const jpeg = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#123' } })
			.jpeg()
			.toBuffer();
		expect(await upload('cut.jpg', jpeg.subarray(0, 200), 'image/jpeg')).toMatchObject({
			ok: false,
			error: { code: 'photo_type' }
		});
	});

	it('does not decode what is too large to accept anyway', async () => {
		const big = new Uint8Array(PHOTO_MAX_BYTES + 1);
		big.set([0xff, 0xd8, 0xff, 0xe0]);
		const [p] = await photosFromForm(form([{ name: 'big.jpg', bytes: big, type: 'image/jpeg' }]));
		expect(p.cleaned).toBeUndefined();
		expect(checkPhotos([p], 4)).toEqual({
			ok: false,
			error: { code: 'photo_size', name: 'big.jpg', maxMb: 5 }
		});
	});

	it('accepts the 1 × 1 PNGs the end-to-end tests upload', async () => {
		for (const b64 of [
			'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
			'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=='
		]) {
			expect(await upload('p.png', Buffer.from(b64, 'base64'))).toMatchObject({
				ok: true,
				photos: [{ mime: 'image/png' }]
			});
		}
	});
});
