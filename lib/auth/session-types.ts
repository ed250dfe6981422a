import type { Role } from '@/lib/generated/prisma/enums';

/** Who does something: what domain operations need to know of the acting user. */
export type CurrentUser = { id: string; email: string; name: string; role: Role };

/** The user of the request, as lib/auth/session.ts finds them. */
export type SignedInUser = CurrentUser & {
  totpEnabled: boolean;
  /** The server-side session this request belongs to (lib/auth/sessions.ts). */
  sessionId: string;
  /** Two-factor sign-in is required for the user's role and not set up yet. */
  mustEnrolTwoFactor: boolean;
};
