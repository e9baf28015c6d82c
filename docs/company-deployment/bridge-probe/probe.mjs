// How much a synchronous call into PostgreSQL costs (a worker thread + Atomics.wait), against the
// plain asynchronous driver: one input to choosing how the data layer reaches PostgreSQL.
// Usage: node docs/company-deployment/bridge-probe/probe.mjs postgres://postgres@127.0.0.1:55432/postgres
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import pg from 'pg';

const url = process.argv[2];
if (!url) throw new Error('usage: probe.mjs postgres://…');
const N = 2000;
const { port1, port2 } = new MessageChannel();
const flag = new Int32Array(new SharedArrayBuffer(4));
new Worker(new URL('./worker.mjs', import.meta.url), {
	workerData: { port: port2, flag, url },
	transferList: [port2]
});
await new Promise((r) => setTimeout(r, 500));

function syncQuery(sql, params = []) {
	Atomics.store(flag, 0, 0);
	port1.postMessage({ sql, params });
	Atomics.wait(flag, 0, 0);
	const m = receiveMessageOnPort(port1);
	if (m.message.error) throw new Error(m.message.error);
	return m.message.rows;
}

async function timed(label, run) {
	const ms = [];
	for (let i = 0; i < N; i++) {
		const t = process.hrtime.bigint();
		await run(i);
		ms.push(Number(process.hrtime.bigint() - t) / 1e6);
	}
	ms.sort((a, b) => a - b);
	const at = (q) => ms[Math.floor(N * q)].toFixed(3);
	console.log(`${label}: p50 ${at(0.5)} ms, p95 ${at(0.95)} ms (${N} calls)`);
}

syncQuery('CREATE TEMP TABLE probe (id serial PRIMARY KEY, a int, b text)');
await timed('sync bridge, SELECT', (i) => syncQuery('SELECT $1::int + 1', [i]));
await timed('sync bridge, INSERT (autocommit)', (i) =>
	syncQuery('INSERT INTO probe (a, b) VALUES ($1, $2)', [i, 'x'])
);
const c = new pg.Client({ connectionString: url });
await c.connect();
await timed('async driver, SELECT', (i) =>
	c.query({ text: 'SELECT $1::int + 1', values: [i], rowMode: 'array' })
);
await c.end();
process.exit(0);
