import { dictionary } from '@zxcvbn-ts/language-common';
import type { z } from 'zod';

// The password rules for every account (forms and `npm run create-admin`). Messages are shown to
// the user as they are.

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 200;
/** A local part shorter than this ("li@…") is too likely to occur in a password by chance. */
const MIN_LOCAL_PART_LENGTH = 4;

export const passwordMessages = {
  tooShort: `密码至少 ${PASSWORD_MIN_LENGTH} 个字符`,
  tooLong: `密码不能超过 ${PASSWORD_MAX_LENGTH} 个字符`,
  tooCommon: '这个密码太常见，请换一个',
  containsEmail: '密码不能包含邮箱',
} as const;

// zxcvbn-ts's list of 49,233 passwords from public breach corpora (all lower case). The package
// decompresses it when imported; the Set is built on the first check, once per process.
let commonPasswords: Set<string> | undefined;

function isCommonPassword(lowerCasePassword: string): boolean {
  commonPasswords ??= new Set(dictionary['passwords-common']);
  return commonPasswords.has(lowerCasePassword);
}

/**
 * What is wrong with `password` for the account with `email`, as a message for the user, or null
 * when it is acceptable. Lengths count characters (code points), not UTF-16 units; the common-list
 * and e-mail checks ignore case.
 */
export function passwordProblem(password: string, email: string): string | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) return passwordMessages.tooShort;
  if (length > PASSWORD_MAX_LENGTH) return passwordMessages.tooLong;

  const lowerCasePassword = password.toLowerCase();
  const lowerCaseEmail = email.trim().toLowerCase();
  if (lowerCaseEmail) {
    const localPart = lowerCaseEmail.slice(0, Math.max(lowerCaseEmail.lastIndexOf('@'), 0));
    if (lowerCasePassword.includes(lowerCaseEmail)) return passwordMessages.containsEmail;
    if (localPart.length >= MIN_LOCAL_PART_LENGTH && lowerCasePassword.includes(localPart)) return passwordMessages.containsEmail;
  }
  if (isCommonPassword(lowerCasePassword)) return passwordMessages.tooCommon;
  return null;
}

/**
 * The policy as a zod refinement for a form schema that has both fields (the e-mail is part of
 * the rule, so it cannot sit on the password field alone):
 *
 *   z.object({ email: emailSchema, password: z.string() }).superRefine(refinePasswordPolicy)
 *
 * The issue is reported on the `password` path. zod still runs the refinement when the e-mail
 * only failed its format check (so both messages show at once), not when a field is missing or
 * of the wrong type.
 */
export function refinePasswordPolicy(value: { email: string; password: string }, ctx: z.RefinementCtx): void {
  const problem = passwordProblem(value.password, value.email);
  if (problem) ctx.addIssue({ code: 'custom', path: ['password'], message: problem, input: value.password });
}
