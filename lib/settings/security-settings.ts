import { z } from 'zod';
import { recordAudit } from '@/lib/audit/record-audit';
import type { Db } from '@/lib/db/client';
import { Role } from '@/lib/generated/prisma/enums';

// Security settings an admin changes at /admin/settings. Stored as one JSON value under one key
// of the Setting table and always read through this schema, so a missing or older value still
// yields a complete, valid object.
const key = 'security';

export const securitySettingsSchema = z.object({
  // Roles whose members must use two-factor sign-in: until they enrol, they see only their account page.
  requireTwoFactorFor: z.array(z.enum(Role)).default([]),
});

export type SecuritySettings = z.infer<typeof securitySettingsSchema>;

export async function getSecuritySettings(db: Db): Promise<SecuritySettings> {
  const row = await db.setting.findUnique({ where: { key }, select: { value: true } });
  // A stored value this schema refuses is a bug, never a reason to drop a security requirement:
  // parse() throws rather than fall back to the defaults.
  return securitySettingsSchema.parse(row?.value ?? {});
}

export async function updateSecuritySettings(db: Db, actorId: string, input: SecuritySettings, ip: string | null): Promise<SecuritySettings> {
  const value = securitySettingsSchema.parse(input);
  await db.$transaction(async (tx) => {
    await tx.setting.upsert({ where: { key }, create: { key, value, updatedById: actorId }, update: { value, updatedById: actorId } });
    await recordAudit(tx, { actorId, action: 'settings.update', entityType: 'Setting', entityId: key, summary: value, ip });
  });
  return value;
}
