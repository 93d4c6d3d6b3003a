// Starts the built server on a fresh SQLite file for the browser and HTTP tests.
import { mkdirSync, rmSync } from 'node:fs';

const file = (process.env.DATABASE_URL ?? '').replace(/^file:/, '');
if (file) {
  for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
  mkdirSync('test-results', { recursive: true });
}
await import('../build/index.js');
