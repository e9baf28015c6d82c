/**
 * A fresh, empty PostgreSQL database for a test run: drops NAME if it exists, creates it again and
 * prints its URL. Usage: node --import tsx scripts/pg-fresh-db.ts OWNER_URL NAME
 * OWNER_URL is an owner's URL on loopback (scripts/pg-cluster.sh prints one); anything else is
 * refused, since this drops a database by name.
 */
import pg from 'pg';

const [url, name] = process.argv.slice(2);
if (!url?.startsWith('postgres') || !name) {
	console.error(
		'usage: node --import tsx scripts/pg-fresh-db.ts postgres://owner@127.0.0.1:PORT/db NAME'
	);
	process.exit(2);
}
const target = new URL(url);
if (!['127.0.0.1', 'localhost', '[::1]'].includes(target.hostname)) {
	console.error(`refusing to drop a database on ${target.hostname}: test servers are on loopback`);
	process.exit(2);
}
// The name goes into DDL unquoted: keep it to what needs no quoting.
if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) {
	console.error(`bad database name ${JSON.stringify(name)} (lower case, digits, _)`);
	process.exit(2);
}

const admin = new pg.Client({ connectionString: url });
await admin.connect();
try {
	// FORCE: a server of an earlier run that died without closing its sessions must not block the drop.
	await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
	// C collation: ISO dates and codes compare byte by byte, as in SQLite.
	await admin.query(
		`CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'`
	);
} finally {
	await admin.end();
}
target.pathname = `/${name}`;
console.log(target.toString());
