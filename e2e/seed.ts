// Run by e2e/global-setup.ts through tsx: an empty content database and one account per role.
import { db } from '@/lib/db/client';
import { createUser } from '@/lib/users/create-user';
import { resetDatabase } from '../tests/reset-database';
import { e2eUsers } from './users';

await resetDatabase();
for (const user of Object.values(e2eUsers)) await createUser(db, user);
await db.$disconnect();
