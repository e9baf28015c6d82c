import { voucherDownload } from '../voucher/download';
import type { RequestHandler } from './$types';

// GET /reports/voucher.csv?date= (or ?from=&to=): the vouchers for import (UTF-8 with BOM). Managers only.
export const GET = (({ locals, url }) =>
	voucherDownload(locals, url, 'csv')) satisfies RequestHandler;
