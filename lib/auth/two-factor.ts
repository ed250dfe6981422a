import { recordAudit } from '@/lib/audit/record-audit';
import type { Db, Tx } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { getSecuritySettings } from '@/lib/settings/security-settings';
import { generateRecoveryCodes, hashRecoveryCode, isWellFormedRecoveryCode, normalizeRecoveryCode } from './recovery-codes';
import { forgetKnownDevices, isKnownDevice } from './known-devices';
import { openSecret, sealSecret } from './secret-box';
import type { CurrentUser } from './session-types';
import type { ClientInfo } from './sessions';
import { findSecondFactorTicket, promoteTicket } from './sign-in-ticket';
import { claimAttempt, settleSuccessfulAttempt, throttleKeys } from './throttle';
import { newTotpSecret, normalizeTotpCode, svgDataUrl, totpQrSvg, totpUri, verifyTotp } from './totp';

// Two-factor sign-in: a TOTP authenticator app (RFC 6238) with ten single-use recovery codes.
// Every code check, at sign-in or to change the setting, is throttled like a password.

const secretPurpose = 'totp-secret';
export const codeMessages = { wrong: '验证码不正确', tooMany: '验证码错误次数过多，请稍后再试' } as const;

export type TotpEnrolment = { secret: string; uri: string; qrDataUrl: string };

/** Starts (or restarts) enrolment: a new secret waits, unconfirmed, until a code from it is entered. */
export async function beginTotpEnrolment(db: Db, user: { id: string; email: string }): Promise<TotpEnrolment> {
  const secret = newTotpSecret();
  const { count } = await db.user.updateMany({ where: { id: user.id, totpEnabledAt: null }, data: { totpSecret: sealSecret(secret, secretPurpose) } });
  if (count === 0) throw new AppError('INVALID', '两步验证已经启用');
  const uri = totpUri({ secret, account: user.email });
  return { secret, uri, qrDataUrl: svgDataUrl(await totpQrSvg(uri)) };
}

async function claimCodeAttempt(db: Db, userId: string, ip: string | null) {
  if (!(await claimAttempt(db, throttleKeys('second-factor', userId, ip)))) throw new AppError('RATE_LIMITED', codeMessages.tooMany);
}

/** A code from the new secret turns two-factor sign-in on; returns the recovery codes, shown once. */
export async function confirmTotpEnrolment(db: Db, user: { id: string }, code: string, ip: string | null): Promise<string[]> {
  await claimCodeAttempt(db, user.id, ip);
  const row = await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { totpSecret: true, totpEnabledAt: true } });
  if (row.totpEnabledAt) throw new AppError('INVALID', '两步验证已经启用');
  if (!row.totpSecret) throw new AppError('INVALID', '请先开始设置两步验证');
  const step = verifyTotp({ secret: openSecret(row.totpSecret, secretPurpose), code });
  if (step === null) throw new AppError('INVALID', codeMessages.wrong);
  const codes = generateRecoveryCodes();
  await db.$transaction(async (tx) => {
    const { count } = await tx.user.updateMany({
      where: { id: user.id, totpEnabledAt: null, totpSecret: row.totpSecret },
      data: { totpEnabledAt: new Date(), totpLastStep: step },
    });
    if (count === 0) throw new AppError('CONFLICT', '设置已在别处更改，请重新开始');
    await replaceRecoveryCodes(tx, user.id, codes);
    await recordAudit(tx, { actorId: user.id, action: 'user.two-factor-enabled', entityType: 'User', entityId: user.id, ip });
  });
  await settleSuccessfulAttempt(db, throttleKeys('second-factor', user.id, ip));
  return codes;
}

async function replaceRecoveryCodes(tx: Tx, userId: string, codes: string[]) {
  await tx.recoveryCode.deleteMany({ where: { userId } });
  await tx.recoveryCode.createMany({ data: codes.map((code) => ({ userId, codeHash: hashRecoveryCode(code) })) });
}

/**
 * Uses up a code of the user's: a TOTP code (never one of a step already used) or an unused
 * recovery code. Both are conditional writes, so two requests cannot use the same code.
 */
async function useCode(tx: Tx, userId: string, input: string): Promise<'totp' | 'recovery' | null> {
  const code = input.slice(0, 40);
  const user = await tx.user.findUnique({ where: { id: userId }, select: { totpSecret: true, totpEnabledAt: true, totpLastStep: true } });
  if (!user?.totpEnabledAt || !user.totpSecret) return null;
  if (/^\d{6}$/.test(normalizeTotpCode(code))) {
    const step = verifyTotp({ secret: openSecret(user.totpSecret, secretPurpose), code, lastUsedStep: user.totpLastStep });
    if (step === null) return null;
    const { count } = await tx.user.updateMany({
      where: { id: userId, OR: [{ totpLastStep: null }, { totpLastStep: { lt: step } }] },
      data: { totpLastStep: step },
    });
    return count === 1 ? 'totp' : null;
  }
  const normalized = normalizeRecoveryCode(code);
  if (!isWellFormedRecoveryCode(normalized)) return null;
  const { count } = await tx.recoveryCode.updateMany({
    where: { userId, codeHash: hashRecoveryCode(normalized), usedAt: null },
    data: { usedAt: new Date() },
  });
  return count === 1 ? 'recovery' : null;
}

export type SecondFactorResult = { ok: true; userId: string; ticket: string } | { ok: false; reason: 'invalid' | 'throttled' | 'expired' };

/**
 * The second step of a sign-in: the ticket from the password step plus a code makes it READY. As
 * with the password, a known device of the user's (`deviceTokens`) is not counted account-wide.
 */
export async function completeSecondFactor(db: Db, ticket: string, code: string, client: ClientInfo, deviceTokens: string[] = []): Promise<SecondFactorResult> {
  const waiting = await findSecondFactorTicket(db, ticket);
  if (!waiting) return { ok: false, reason: 'expired' };
  const knownDevice = await isKnownDevice(db, { userId: waiting.userId }, deviceTokens);
  const keys = throttleKeys('second-factor', waiting.userId, client.ip, { knownDevice });
  if (!(await claimAttempt(db, keys))) return { ok: false, reason: 'throttled' };
  // The ticket is promoted and the code used up together or not at all: a code is never spent on
  // a sign-in that then fails.
  const method = await db
    .$transaction(async (tx) => {
      if (!(await promoteTicket(tx, waiting.id))) throw new StepFailed('expired');
      const used = await useCode(tx, waiting.userId, code);
      if (!used) throw new StepFailed('invalid');
      await recordAudit(tx, {
        actorId: waiting.userId,
        action: 'auth.second-factor',
        entityType: 'User',
        entityId: waiting.userId,
        summary: { method: used },
        ip: client.ip,
      });
      return used;
    })
    .catch((error: unknown) => {
      if (error instanceof StepFailed) return error.reason;
      throw error;
    });
  if (method === 'expired') return { ok: false, reason: 'expired' };
  if (method === 'invalid') {
    await db.$transaction((tx) =>
      recordAudit(tx, { actorId: null, action: 'auth.second-factor-failed', entityType: 'User', entityId: waiting.userId, ip: client.ip }),
    );
    return { ok: false, reason: 'invalid' };
  }
  await settleSuccessfulAttempt(db, keys);
  return { ok: true, userId: waiting.userId, ticket };
}

class StepFailed extends Error {
  constructor(readonly reason: 'expired' | 'invalid') {
    super(reason);
  }
}

/** Turning two-factor sign-in off takes a fresh code, and is refused where the user's role requires it. */
export async function disableTwoFactor(db: Db, user: CurrentUser, code: string, ip: string | null): Promise<void> {
  if ((await getSecuritySettings(db)).requireTwoFactorFor.includes(user.role)) {
    throw new AppError('FORBIDDEN', '你的角色必须使用两步验证，不能关闭');
  }
  await claimCodeAttempt(db, user.id, ip);
  await db.$transaction(async (tx) => {
    if (!(await useCode(tx, user.id, code))) throw new AppError('INVALID', codeMessages.wrong);
    await clearTwoFactor(tx, user.id);
    await recordAudit(tx, { actorId: user.id, action: 'user.two-factor-disabled', entityType: 'User', entityId: user.id, ip });
  });
  await settleSuccessfulAttempt(db, throttleKeys('second-factor', user.id, ip));
}

/** New recovery codes for a fresh code; the old ones stop working. */
export async function renewRecoveryCodes(db: Db, user: CurrentUser, code: string, ip: string | null): Promise<string[]> {
  await claimCodeAttempt(db, user.id, ip);
  const codes = generateRecoveryCodes();
  await db.$transaction(async (tx) => {
    if (!(await useCode(tx, user.id, code))) throw new AppError('INVALID', codeMessages.wrong);
    await replaceRecoveryCodes(tx, user.id, codes);
    await recordAudit(tx, { actorId: user.id, action: 'user.recovery-codes-renewed', entityType: 'User', entityId: user.id, ip });
  });
  await settleSuccessfulAttempt(db, throttleKeys('second-factor', user.id, ip));
  return codes;
}

/**
 * An admin resets someone's second factor (a lost phone); where their role requires one, their
 * next request leads them to enrol again. Their browsers are forgotten too: what was lost may have
 * been a laptop that knew the account.
 */
export async function resetTwoFactor(tx: Tx, userId: string): Promise<void> {
  await clearTwoFactor(tx, userId);
  await forgetKnownDevices(tx, userId);
}

async function clearTwoFactor(tx: Tx, userId: string) {
  await tx.user.update({ where: { id: userId }, data: { totpSecret: null, totpEnabledAt: null, totpLastStep: null } });
  await tx.recoveryCode.deleteMany({ where: { userId } });
}

export async function unusedRecoveryCodeCount(db: Db, userId: string): Promise<number> {
  return db.recoveryCode.count({ where: { userId, usedAt: null } });
}
