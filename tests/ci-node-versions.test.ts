/** .ci/run tests the Node.js versions the README names, each pinned with the registry's sha512 integrity. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');

describe('.ci/run Node.js versions', () => {
  it('pins one release each of Node 20, 22 and 24, with an integrity, and the README names them', () => {
    const script = readFileSync(join(ROOT, '.ci/run'), 'utf8');
    const pinned = [...script.matchAll(/^ {2}"(\d+)\.(\d+)\.(\d+) (sha512-[A-Za-z0-9+/]{86}==)"$/gm)];
    expect(pinned.map((m) => Number(m[1]))).toEqual([20, 22, 24]);
    const versions = pinned.map((m) => `${m[1]}.${m[2]}.${m[3]}`);
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    expect(readme).toContain('tested in CI: Node 20, 22 and 24');
    expect(readme).toContain(`${versions[0]}, ${versions[1]} and ${versions[2]}`);
    // The oldest one tested satisfies the engines range, whose floor bin/crss.js enforces.
    const floor = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { engines: { node: string } }).engines.node;
    expect(floor).toBe('>=20.16');
    expect(Number(pinned[0]![2])).toBeGreaterThanOrEqual(16);
  });
});
