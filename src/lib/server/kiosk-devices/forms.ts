// The counter's pairing and revocation forms. Routes only (uses Paraglide).
import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { normalisePairingCode } from '$lib/domain/kiosk-pairing';
import { orEmpty, required, rowId } from '$lib/server/form-fields';

/** A code that cannot be one (wrong length, letters the screen never shows) is not a guess: refused here, not counted. */
const pairingCode = z.preprocess(
	orEmpty,
	z
		.string()
		.max(40, { error: () => m.kiosk_devices_code_format() })
		.transform((s, ctx) => {
			const code = normalisePairingCode(s);
			if (code) return code;
			ctx.addIssue({
				code: 'custom',
				message: s.trim() ? m.kiosk_devices_code_format() : m.validation_required()
			});
			return z.NEVER;
		})
);

export const pairSchema = z.object({ code: pairingCode, name: required(40) });

export const revokeSchema = z.object({ id: rowId });
