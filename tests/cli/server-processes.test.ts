import { describe, expect, it } from 'vitest';
import { serverProcessCount, serverProcessIndex } from '../../scripts/lib/server-processes';

describe('WEB_CONCURRENCY', () => {
  it('is one process when unset or blank', () => {
    expect(serverProcessCount({})).toBe(1);
    expect(serverProcessCount({ WEB_CONCURRENCY: ' ' })).toBe(1);
  });

  it('takes a whole number of processes', () => {
    expect(serverProcessCount({ WEB_CONCURRENCY: '2' })).toBe(2);
    expect(serverProcessCount({ WEB_CONCURRENCY: ' 4 ' })).toBe(4);
  });

  it('refuses anything else with a message that names it', () => {
    for (const value of ['0', '-1', '1.5', 'two', '65']) {
      expect(() => serverProcessCount({ WEB_CONCURRENCY: value })).toThrow(`WEB_CONCURRENCY must be a whole number from 1 to 64, not "${value}"`);
    }
  });

  it('makes the first process (index 0) the one that runs the background jobs', () => {
    expect(serverProcessIndex({})).toBe(0);
    expect(serverProcessIndex({ SERVER_PROCESS_INDEX: '1' })).toBe(1);
  });
});
