/** Which file names in logs/ are sync tools' copies of a device's log, and of which device's. */
import { describe, expect, it } from 'vitest';
import { logCopyOf } from '../../src/core/log-copies.js';

describe('logCopyOf', () => {
  it.each([
    { name: 'laptop.sync-conflict-20261203-091500-ABCDEF7.jsonl', device: 'laptop', tool: 'a Syncthing conflict copy' },
    { name: 'vm-3fa2b1.sync-conflict-20261203-091500-ABCDEF7.jsonl', header: 'vm-3fa2b1', device: 'vm-3fa2b1', tool: 'a Syncthing conflict copy' },
    { name: "laptop (Ann Lee's conflicted copy 2026-12-03).jsonl", device: 'laptop', tool: 'a Dropbox conflicted copy' },
    { name: 'laptop (conflicted copy 2026-12-03 091500).jsonl', device: 'laptop', tool: 'a Nextcloud or ownCloud conflicted copy' },
    { name: 'laptop (conflicted copy from ann 2026-12-03 091500).jsonl', device: 'laptop', tool: 'a Nextcloud or ownCloud conflicted copy' },
    { name: 'laptop_conflict-20261203-091500.jsonl', device: 'laptop', tool: 'an ownCloud conflict copy' },
    { name: 'laptop (1).jsonl', device: 'laptop', tool: 'a Google Drive duplicate' },
    { name: 'laptop (12).jsonl', header: 'laptop', device: 'laptop', tool: 'a Google Drive duplicate' },
    { name: 'laptop 2.jsonl', device: 'laptop', tool: 'an iCloud Drive duplicate' },
    { name: 'laptop-DESKTOP-4F2.jsonl', header: 'laptop', device: 'laptop', tool: 'a OneDrive copy named after another computer' },
  ])('$name is a copy of $device', ({ name, header, device, tool }) => {
    expect(logCopyOf(name, header)).toEqual({ device, tool });
  });

  it.each([
    { name: 'laptop.jsonl', why: 'a device log' },
    { name: 'laptop.jsonl', header: 'laptop', why: 'a device log, its header agreeing' },
    { name: 'laptop-2.jsonl', why: 'a device log (no header read: a OneDrive copy needs one)' },
    { name: 'laptop-2.jsonl', header: 'laptop-2', why: 'a device whose id has a dash' },
    { name: 'laptop-2.jsonl', header: 'desktop', why: "a log whose header names a device its name does not start with" },
    { name: 'laptop (1).jsonl', header: 'desktop', why: 'a copy pattern whose header names another device' },
    { name: 'laptop.sync-conflict-2026-ABC.jsonl', why: 'not quite Syncthing' },
    { name: 'laptop (1).jsonl.tmp', why: 'not a log' },
    { name: 'laptop (\u001b]52;c;x\u0007 conflicted copy).jsonl', why: 'a control character' },
    { name: 'laptop (\u202e conflicted copy).jsonl', why: 'a bidi override' },
    { name: 'laptop (\u2028 conflicted copy).jsonl', why: 'a line separator' },
  ])('$name is not a copy: $why', ({ name, header }) => {
    expect(logCopyOf(name, header)).toBeUndefined();
  });
});
