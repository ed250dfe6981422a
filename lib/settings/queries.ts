import { db } from '@/lib/db/client';
import { getSecuritySettings } from './security-settings';
import { getSiteSettings } from './site-settings';

/** Both settings forms' current values (/admin/settings). */
export async function readSettings() {
  const [security, site] = await Promise.all([getSecuritySettings(db), getSiteSettings(db)]);
  return { security, site };
}
