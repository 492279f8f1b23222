/**
 * CRC-32 (the one zlib, PNG and gzip use), as 8 hex digits. Pure: the same input always gives the same
 * checksum. How it is computed is a speed choice: loading node:zlib costs about 1.6 ms of start-up,
 * more than this table-driven loop takes for the first megabyte, so small workloads (a study session's
 * log lines) never load it and big ones (a 200,000-line log, a large snapshot) switch to it.
 */
/** Bytes hashed in JavaScript before switching to zlib for good. */
const NATIVE_AFTER_BYTES = 1 << 20;

let table: Int32Array | undefined;
let hashedInJs = 0;
let native: ((data: string | Uint8Array) => number) | undefined;

function makeTable(): Int32Array {
  const t = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c;
  }
  return t;
}

function jsCrc32(bytes: Uint8Array): number {
  table ??= makeTable();
  let c = -1;
  for (let i = 0; i < bytes.length; i++) c = table[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}

export function crc32(data: string | Uint8Array): number {
  if (native) return native(data);
  const bytes = typeof data === 'string' ? Buffer.from(data) : data;
  hashedInJs += bytes.length;
  if (hashedInJs > NATIVE_AFTER_BYTES) {
    native = process.getBuiltinModule('node:zlib').crc32;
    return native(bytes);
  }
  return jsCrc32(bytes);
}

export function crcHex(data: string | Uint8Array): string {
  return crc32(data).toString(16).padStart(8, '0');
}
