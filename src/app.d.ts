import type { StaffIdentity, ResidentIdentity } from '$lib/server/auth/session';

declare global {
	namespace App {
		interface Locals {
			user: StaffIdentity | null;
			resident: ResidentIdentity | null;
			sessionId: string | null;
			locale: 'zh-CN' | 'en';
		}
		interface Error {
			message: string;
		}
		// interface PageData {}
		// interface PageState {}
		// interface Platform {}
	}
}

export {};
