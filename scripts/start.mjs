// `npm start`: build once if needed, then serve on http://localhost:3000 with the demo on SQLite.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

const built = 'build/index.js';
const sources = ['src', 'messages', 'static', 'data'].filter((d) => existsSync(d));
const stale = !existsSync(built) || Math.max(...sources.map(newestMtime)) > statSync(built).mtimeMs;
if (stale) {
  console.log('Building Trajectoire (first start or sources changed)…');
  const r = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

process.env.PORT ??= '3000';
process.env.HOST ??= '0.0.0.0';
// SvelteKit's CSRF check compares the Origin header with this: it must be the address users type.
process.env.ORIGIN ??= `http://localhost:${process.env.PORT}`;
// Request bodies must hold the largest upload (UPLOAD_MAX_MB) plus the multipart envelope.
process.env.BODY_SIZE_LIMIT ??= String((Number(process.env.UPLOAD_MAX_MB ?? 10) + 2) * 1024 * 1024);
await import(`../${built}`);
