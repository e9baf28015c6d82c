/**
 * Photos staff attach (report photos, renovation deductions): what is accepted. Pure, so the
 * browser can refuse an oversized file before it is uploaded; the server checks again by bytes.
 */

export const PHOTO_MAX_BYTES = 5 * 1024 * 1024;

/**
 * The most pixels a photo may have (width × height), checked from the image header before any
 * pixel is decoded. Phones save 12–24 MP by default (48 MP at most); 40 MP leaves room for
 * those, while a small file claiming 30000 × 30000 pixels (900 MP, 3.6 GB once decoded) is
 * refused at once instead of exhausting the server's memory.
 */
export const PHOTO_MAX_PIXELS = 40_000_000;

export type PhotoMime = 'image/jpeg' | 'image/png' | 'image/webp';

/** What file inputs offer (the types sniffImage recognises). */
export const PHOTO_ACCEPT = 'image/jpeg,image/png,image/webp';

/** Which image a file is, by its first bytes (never by its name or the browser's word). */
export function sniffImage(bytes: Uint8Array): PhotoMime | null {
	const b = bytes;
	if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
	if (b.length >= 8 && [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((v, i) => b[i] === v))
		return 'image/png';
	const ascii = (from: number, to: number) => String.fromCharCode(...b.subarray(from, to));
	if (b.length >= 12 && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'image/webp';
	return null;
}

export const PHOTO_EXT: Record<PhotoMime, string> = {
	'image/jpeg': 'jpg',
	'image/png': 'png',
	'image/webp': 'webp'
};
