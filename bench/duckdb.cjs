// duckdb.cjs -- the DuckDB contender of the aging benchmark.
//
//     node bench/duckdb.cjs rows|summary AS_OF IN OUT
//
// Does what an analyst would write instead of `aging --as-of AS_OF IN` (rows)
// or `aging --as-of AS_OF --summary IN` (summary), as one SQL statement run by
// DuckDB (all its threads), through the npm package @duckdb/node-api; the
// result is written as CSV to OUT (/dev/stdout in the bench).  The module is
// loaded from $BENCH_NODE_MODULES when set (bench/run.sh installs it there),
// else from node's usual places.
//
// Money is DECIMAL(18,2), never a float; the other input columns are read as
// text and written back unchanged.  Row mode leaves out items issued after
// AS_OF and items whose balance is zero, then appends balance, days_overdue
// and bucket; the summary has one row per customer and currency with the
// bucket totals and their sum, ordered by customer then currency.
'use strict';

const path = require('path');

const BUCKET = `CASE WHEN d <= 0 THEN 'current' WHEN d <= 30 THEN '1-30'
	WHEN d <= 60 THEN '31-60' WHEN d <= 90 THEN '61-90'
	WHEN d <= 120 THEN '91-120' ELSE '121+' END`;

function quote(s) {
	return `'${String(s).replace(/'/g, "''")}'`;
}

// The open items at AS_OF, with d (days overdue) and the balance.
function aged(asOf, input) {
	return `SELECT *, CAST(amount AS DECIMAL(18,2)) - CAST(paid AS DECIMAL(18,2)) AS balance,
		date_diff('day', CAST(due_date AS DATE), DATE ${quote(asOf)}) AS d
		FROM read_csv(${quote(input)}, header = true, all_varchar = true)
		WHERE CAST(issue_date AS DATE) <= DATE ${quote(asOf)}
		  AND CAST(amount AS DECIMAL(18,2)) <> CAST(paid AS DECIMAL(18,2))`;
}

function rowsSql(asOf, input) {
	return `SELECT * EXCLUDE (d), d AS days_overdue, ${BUCKET} AS bucket
		FROM (${aged(asOf, input)})`;
}

function summarySql(asOf, input) {
	const sum = (lo, hi) => `SUM(CASE WHEN ${lo} AND ${hi} THEN balance ELSE 0 END)`;
	return `SELECT customer, currency,
		${sum('true', 'd <= 0')} AS "current",
		${sum('d > 0', 'd <= 30')} AS "1-30",
		${sum('d > 30', 'd <= 60')} AS "31-60",
		${sum('d > 60', 'd <= 90')} AS "61-90",
		${sum('d > 90', 'd <= 120')} AS "91-120",
		${sum('d > 120', 'true')} AS "121+",
		SUM(balance) AS total
		FROM (${aged(asOf, input)})
		GROUP BY customer, currency ORDER BY customer, currency`;
}

async function main(argv) {
	if (argv.length !== 4 || !['rows', 'summary'].includes(argv[0])) {
		process.stderr.write('usage: node duckdb.cjs rows|summary AS_OF IN OUT\n');
		return 64;
	}
	const [mode, asOf, input, output] = argv;
	const where = process.env.BENCH_NODE_MODULES;
	const { DuckDBInstance } = require(where ? path.join(where, '@duckdb/node-api') : '@duckdb/node-api');
	const instance = await DuckDBInstance.create(':memory:');
	const con = await instance.connect();
	const query = mode === 'rows' ? rowsSql(asOf, input) : summarySql(asOf, input);
	await con.run(`COPY (${query}) TO ${quote(output)} (FORMAT csv, HEADER true)`);
	con.closeSync();
	return 0;
}

main(process.argv.slice(2)).then(
	(code) => process.exit(code),
	(err) => {
		process.stderr.write(`duckdb.cjs: ${err && err.message ? err.message : err}\n`);
		process.exit(70);
	},
);
