// npm run create-admin -- <email> <name> — the first administrator of a real database.
// The password comes from BAODA_ADMIN_PASSWORD, or is generated and printed once.
import { randomBytes } from 'node:crypto';
import { db } from '@/lib/db/client';
import { isAppError } from '@/lib/errors';
import { createUser } from '@/lib/users/create-user';
import { withDatabaseUrl } from './lib/database-url';

const [email, name] = process.argv.slice(2);
if (!email || !name) {
  console.error('Usage: npm run create-admin -- <email> <name>');
  process.exit(1);
}
const password = process.env.BAODA_ADMIN_PASSWORD ?? randomBytes(12).toString('base64url');

await withDatabaseUrl(async () => {
  try {
    const user = await createUser(db, { email, name, role: 'ADMIN', password });
    console.log(`Created administrator ${user.email}`);
    if (!process.env.BAODA_ADMIN_PASSWORD) console.log(`Password: ${password}`);
  } catch (error) {
    console.error(isAppError(error) ? error.message : error);
    process.exitCode = 1;
  } finally {
    await db.$disconnect();
  }
});
