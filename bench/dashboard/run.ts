/**
 * `npm run bench:dashboard`: generates a large institution (bench/dashboard/generate.ts) in SQLite and in
 * PostgreSQL, starts the built server on it, and loads the plan dashboard and an indicator page with
 * autocannon (50 connections, 30 s each; BENCH_SECONDS and BENCH_CONNECTIONS override). Prints requests/s,
 * latency percentiles, errors and the server's peak RSS. Asserts nothing. Needs `npm run build` first.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { BENCH_ADMIN, generate } from './generate';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const PG_ADMIN = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const PORT = 4390;
const BASE = `http://127.0.0.1:${PORT}`;

function rssMb(pid: number): number {
  try {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8')
      .split('\n')
      .find((l) => l.startsWith('VmRSS'));
    return line ? Number(line.replace(/\D+/g, '')) / 1024 : 0;
  } catch {
    return 0;
  }
}

async function startServer(databaseUrl: string): Promise<ChildProcess> {
  const child = spawn('node', ['build/index.js'], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: String(PORT),
      HOST: '127.0.0.1',
      ORIGIN: BASE,
      TRAJECTOIRE_DEMO: 'off',
      JOBS: 'off',
      LOG_LEVEL: 'warn',
      NODE_ENV: 'production',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`${BASE}/login`)).ok) return child;
    } catch {}
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill();
  throw new Error('server did not start');
}

async function logIn(): Promise<string> {
  const r = await fetch(`${BASE}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { origin: BASE, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
    body: `email=${encodeURIComponent(BENCH_ADMIN.email)}&password=${encodeURIComponent(BENCH_ADMIN.password)}`,
  });
  const cookie = r.headers.get('set-cookie')?.split(';')[0];
  if (!cookie) throw new Error(`login failed: ${r.status}`);
  return cookie;
}

async function load(label: string, path: string, cookie: string, pid: number): Promise<void> {
  const check = await fetch(`${BASE}${path}`, { headers: { cookie } });
  const body = await check.text();
  let peak = rssMb(pid);
  const sampler = setInterval(() => {
    peak = Math.max(peak, rssMb(pid));
  }, 250);
  // Every response time is kept, so p95 is exact (autocannon's summary stops at p90 and p97.5).
  const times: number[] = [];
  const result = await new Promise<autocannon.Result>((done, reject) => {
    const instance = autocannon(
      { url: `${BASE}${path}`, connections: CONNECTIONS, duration: SECONDS, headers: { cookie } },
      (error, outcome) => (error ? reject(error) : done(outcome)),
    );
    instance.on('response', (_client, _status, _bytes, ms) => times.push(ms));
  });
  clearInterval(sampler);
  times.sort((a, b) => a - b);
  const at = (q: number) =>
    times.length ? times[Math.min(times.length - 1, Math.floor(q * times.length))].toFixed(0) : '?';
  console.log(
    `  ${label.padEnd(16)} status ${check.status}, ${(body.length / 1024).toFixed(1)} KB | ${result.requests.average.toFixed(0)} req/s | ` +
      `p50 ${at(0.5)} ms, p95 ${at(0.95)} ms, p99 ${at(0.99)} ms | ` +
      `errors ${result.errors}, non-2xx ${result.non2xx}, timeouts ${result.timeouts} | server RSS peak ${peak.toFixed(0)} MB`,
  );
}

async function benchOn(label: string, databaseUrl: string): Promise<void> {
  const t0 = performance.now();
  const { planIds, indicatorId } = await generate(databaseUrl);
  console.log(
    `${label}: generated 20 plans, 2,000 actions, 5,000 indicators, 200,000 values in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  const server = await startServer(databaseUrl);
  try {
    const cookie = await logIn();
    await load('plan dashboard', `/dashboard?plan=${planIds[0]}`, cookie, server.pid ?? 0);
    await load('indicator page', `/indicators/${indicatorId}`, cookie, server.pid ?? 0);
  } finally {
    // Wait for the exit: dropping the database under a live server makes it crash noisily.
    const exited = once(server, 'exit');
    server.kill();
    await exited;
  }
}

async function main(): Promise<void> {
  if (!existsSync('build/index.js')) throw new Error('run `npm run build` first');
  console.log(`autocannon: ${CONNECTIONS} connections, ${SECONDS} s per page`);
  const file = join(tmpdir(), `trajectoire-dashboard-bench-${Date.now()}.db`);
  try {
    await benchOn('sqlite', `file:${file}`);
  } finally {
    for (const s of ['', '-wal', '-shm']) rmSync(file + s, { force: true });
  }
  const admin = new pg.Client({ connectionString: PG_ADMIN, connectionTimeoutMillis: 2000 });
  try {
    await admin.connect();
  } catch {
    console.log('postgres: unreachable, skipped');
    return;
  }
  const name = `trj_dash_bench_${Date.now()}`;
  await admin.query(`create database ${name}`);
  const url = new URL(PG_ADMIN);
  url.pathname = `/${name}`;
  try {
    await benchOn('postgres', url.toString());
  } finally {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

await main();
