// Auth.js endpoints (sign-in, sign-out, session): public by design, they are how one signs in.
// No authorize() here: Auth.js checks the one-time ticket our sign-in action issues after every
// factor (lib/auth/auth.ts), and the session endpoint answers only for the caller's own cookie.
import { handlers } from '@/lib/auth/auth';

export const { GET, POST } = handlers;
