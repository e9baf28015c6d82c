import { voucherDownload } from '../voucher/download';
import type { RequestHandler } from './$types';

// GET /reports/voucher.xlsx?date= (or ?from=&to=): the vouchers as an Excel workbook. Managers only.
export const GET = (({ locals, url }) =>
	voucherDownload(locals, url, 'xlsx')) satisfies RequestHandler;
