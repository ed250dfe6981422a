// npm run create-admin -- <email> <name> — the first administrator of a real database.
// The password comes from BAODA_ADMIN_PASSWORD, or is generated and printed once. Pending
// migrations are applied first, so this works on a fresh database. Exit 1 on a usage error,
// input the app refuses (e-mail, name, password policy, e-mail taken) or an unreachable database.
import { randomBytes } from 'node:crypto';
import { passwordProblem } from '@/lib/auth/password-policy';
import { db } from '@/lib/db/client';
import { createUser, newUserSchema } from '@/lib/users/create-user';
import { withPreparedDatabase } from './lib/database-url';
import { runCli, UsageError } from './lib/run-cli';

/** 16 random base64url characters (96 bits); drawn again in the unlikely case the policy refuses it. */
function generatePassword(email: string): string {
  for (;;) {
    const password = randomBytes(12).toString('base64url');
    if (passwordProblem(password, email) === null) return password;
  }
}

await runCli(async () => {
  const args = process.argv.slice(2);
  if (args.length !== 2) throw new UsageError('Usage: npm run create-admin -- <email> <name>');
  const given = process.env.BAODA_ADMIN_PASSWORD;
  // Checked before the database is touched, so a typo changes nothing.
  const { email, name } = newUserSchema.pick({ email: true, name: true }).parse({ email: args[0], name: args[1] });
  if (given !== undefined) {
    const problem = passwordProblem(given, email);
    if (problem) throw new UsageError(`BAODA_ADMIN_PASSWORD: ${problem}`);
  }
  const password = given ?? generatePassword(email);

  await withPreparedDatabase(async () => {
    const user = await createUser(db, { email, name, role: 'ADMIN', password });
    console.log(`Created administrator ${user.email}`);
    if (given === undefined) console.log(`Password: ${password}`);
  });
});
