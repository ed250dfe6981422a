import type { Prisma } from '@/lib/generated/prisma/client';
import type { Tx } from '@/lib/db/client';

export type AuditInput = {
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  summary?: Prisma.InputJsonValue;
  ip?: string | null;
};

/** Always called inside the transaction of the change it records. */
export async function recordAudit(tx: Tx, event: AuditInput): Promise<void> {
  await tx.auditEvent.create({ data: { ...event, ip: event.ip ?? null } });
}
