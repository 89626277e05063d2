import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { lstatSync } from 'node:fs';
import path from 'node:path';
import { readInside } from '../read/read-inside.js';
import { writeInside } from '../write/write-inside.js';

/**
 * What keeps the cache honest. Every file gctf stores in its cache folder is sealed with an
 * HMAC-SHA-256 under a per-cache secret: 32 random bytes in `secret.key`, beside the packs, made
 * on first use and readable by its owner only. A pack or result that was edited, copied in from
 * elsewhere (a restored CI cache, a committed `node_modules/.cache`) or damaged fails its seal and
 * is read as a miss: rebuilt silently, never trusted. A secret that is a link, is not the user's,
 * or can be read by others (as a file checked out of git would be) is not trusted either, and then
 * nothing is read from the cache at all.
 */

const SECRET_NAME = 'secret.key';
const SECRET_BYTES = 32;
const MAGIC = Buffer.from('gctf-sealed-1\n');
const MAC_BYTES = 32;

const secrets = new Map<string, Buffer | undefined>();

/** The secret of a cache folder, made when there is none; undefined when it cannot be trusted. */
export function cacheSecret(folder: string): Buffer | undefined {
  if (secrets.has(folder)) return secrets.get(folder);
  let secret = readSecret(folder);
  if (secret === 'missing') {
    try {
      writeInside(folder, SECRET_NAME, randomBytes(SECRET_BYTES), { exclusive: true, mode: 0o600 });
    } catch {
      // Another run made it first, or the folder is not writable: read what is there.
    }
    secret = readSecret(folder);
  }
  const trusted = secret === 'missing' ? undefined : secret;
  secrets.set(folder, trusted);
  return trusted;
}

function readSecret(folder: string): Buffer | 'missing' | undefined {
  const outcome = readInside(folder, SECRET_NAME, 1024);
  if (!outcome.ok) return outcome.kind === 'missing' ? 'missing' : undefined;
  try {
    const stats = lstatSync(path.join(folder, SECRET_NAME));
    if ((stats.mode & 0o077) !== 0) return undefined;
    if (typeof process.getuid === 'function' && stats.uid !== process.getuid()) return undefined;
  } catch {
    return undefined;
  }
  return outcome.bytes.byteLength === SECRET_BYTES ? Buffer.from(outcome.bytes) : undefined;
}

/** `payload` behind a header and its HMAC. */
export function seal(secret: Buffer, payload: Uint8Array): Buffer {
  const mac = createHmac('sha256', secret).update(payload).digest();
  return Buffer.concat([MAGIC, mac, payload]);
}

/** The payload of a sealed file, or undefined when the seal does not hold. */
export function unseal(secret: Buffer, sealed: Uint8Array): Uint8Array | undefined {
  const bytes = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength);
  if (bytes.byteLength < MAGIC.byteLength + MAC_BYTES || !bytes.subarray(0, MAGIC.byteLength).equals(MAGIC)) return undefined;
  const mac = bytes.subarray(MAGIC.byteLength, MAGIC.byteLength + MAC_BYTES);
  const payload = bytes.subarray(MAGIC.byteLength + MAC_BYTES);
  const expected = createHmac('sha256', secret).update(payload).digest();
  return timingSafeEqual(mac, expected) ? payload : undefined;
}

/** Reads and unseals a cache file; undefined for a missing, unreadable or forged one. */
export function readSealed(folder: string, name: string): Uint8Array | undefined {
  const secret = cacheSecret(folder);
  if (!secret) return undefined;
  const outcome = readInside(folder, name, 1_000_000_000);
  return outcome.ok ? unseal(secret, outcome.bytes) : undefined;
}

/** Seals and writes a cache file. Failures are ignored: a cache that cannot be written only costs time. */
export function writeSealed(folder: string, name: string, payload: Uint8Array): void {
  try {
    const secret = cacheSecret(folder);
    if (secret) writeInside(folder, name, seal(secret, payload));
  } catch {
    // Only time is lost.
  }
}
