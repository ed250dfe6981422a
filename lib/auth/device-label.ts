import Bowser from 'bowser';

/** "Chrome 156 · Linux" for a session list; the raw user agent is kept for the record. */
export function deviceLabel(userAgent: string): string {
  if (!userAgent) return '未知设备';
  const { browser, os } = Bowser.parse(userAgent);
  const name = [browser.name, browser.version?.split('.')[0]].filter(Boolean).join(' ');
  const system = [os.name, os.versionName ?? ''].filter(Boolean).join(' ').trim();
  return [name, system].filter(Boolean).join(' · ') || '未知设备';
}
