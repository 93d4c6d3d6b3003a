import { randomBytes } from 'node:crypto';

/**
 * UUIDv7 (RFC 9562): time-ordered, so primary-key indexes stay compact on both
 * SQLite and PostgreSQL, and ids can be created by the app before insert.
 * Ids made in the same millisecond stay in creation order: the 12 bits after
 * the version hold a counter (RFC 9562 §6.2, method 1) that starts at a random
 * value in the lower half and goes up by one for each id of that millisecond,
 * so "the latest change" sorts last even when several are written at once.
 */
let lastMs = -1;
let counter = 0;

/** Random bytes drawn 4 KiB at a time: one call per id cost more than the rest of newId (imports make millions). */
const POOL_BYTES = 4096;
let pool = randomBytes(POOL_BYTES);
let poolOffset = 0;

function sixteenRandomBytes(): Buffer {
  if (poolOffset + 16 > POOL_BYTES) {
    pool = randomBytes(POOL_BYTES);
    poolOffset = 0;
  }
  // A view on the pool: each 16 bytes serve one id only, so writing into them below is safe.
  const bytes = pool.subarray(poolOffset, poolOffset + 16);
  poolOffset += 16;
  return bytes;
}

export function newId(now: number = Date.now()): string {
  const bytes = sixteenRandomBytes();
  if (now === lastMs && counter < 0xfff) {
    counter++;
  } else {
    lastMs = now;
    counter = ((bytes[6] << 8) | bytes[7]) & 0x7ff;
  }
  bytes[0] = Math.floor(now / 2 ** 40) & 0xff;
  bytes[1] = Math.floor(now / 2 ** 32) & 0xff;
  bytes[2] = (now >>> 24) & 0xff;
  bytes[3] = (now >>> 16) & 0xff;
  bytes[4] = (now >>> 8) & 0xff;
  bytes[5] = now & 0xff;
  bytes[6] = 0x70 | (counter >>> 8);
  bytes[7] = counter & 0xff;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function nowIso(): string {
  return new Date().toISOString();
}
