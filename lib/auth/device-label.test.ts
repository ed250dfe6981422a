import { describe, expect, it } from 'vitest';
import { deviceLabel } from './device-label';

describe('deviceLabel', () => {
  it('names the browser, its major version and the system', () => {
    const chrome = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.8078.73 Safari/537.36';
    expect(deviceLabel(chrome)).toBe('Chrome 156 · Linux');
    const iphone = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';
    expect(deviceLabel(iphone)).toMatch(/^Safari 17 · iOS/);
  });

  it('says so when nothing is known', () => {
    expect(deviceLabel('')).toBe('未知设备');
  });
});
