import { hostname, homedir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { homeDir, hostName } from '../src/machine.js';

// crss answers these without node:os where it can; the answers must be the ones node:os gives.
describe('this machine', () => {
  it("has the name os.hostname() gives", () => {
    expect(hostName()).toBe(hostname());
  });

  it('has its home folder from HOME, else from os.homedir()', () => {
    expect(homeDir({ HOME: '/home/someone' })).toBe('/home/someone');
    expect(homeDir({})).toBe(homedir());
    expect(homeDir({ HOME: '' })).toBe(homedir());
  });
});
