// The worker side of the probe: one PostgreSQL connection; each answer wakes the waiting main thread.
import { workerData } from 'node:worker_threads';
import pg from 'pg';

const { port, flag, url } = workerData;
const client = new pg.Client({ connectionString: url });
await client.connect();
port.on('message', async ({ sql, params }) => {
	let out;
	try {
		const r = await client.query({ text: sql, values: params, rowMode: 'array' });
		out = { rows: r.rows };
	} catch (e) {
		out = { error: String(e.message) };
	}
	port.postMessage(out);
	Atomics.store(flag, 0, 1);
	Atomics.notify(flag, 0);
});
