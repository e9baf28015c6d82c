import { writeFileSync } from 'node:fs';
import { sampleReceipt } from './pdf-speed-check.ts';
for (const s of ['A5-landscape', 'roll80', 'A4'] as const) writeFileSync(`/tmp/pdfproto/${s}.pdf`, await sampleReceipt(s, s === 'A4' ? '作废' : '补打'));
