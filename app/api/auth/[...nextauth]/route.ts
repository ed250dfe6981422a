// Auth.js endpoints (sign-in, sign-out, session); credentials are checked in lib/auth/auth.ts.
import { handlers } from '@/lib/auth/auth';

export const { GET, POST } = handlers;
