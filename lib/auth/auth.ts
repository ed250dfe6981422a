import NextAuth from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { configureSiteOrigin } from '@/lib/config/site-origin';
import { db } from '@/lib/db/client';
import { startSession } from './authenticate';
import { requestIp } from './request-ip';
import { endSession, sessionIdOf } from './sessions';
import { sessionLifetime } from './session-lifetime';

// The token carries only the user id and the token of a server-side session (lib/auth/sessions.ts);
// role, active flag and the session itself are read from the database on every request by
// lib/auth/session.ts. Passwords and second factors are checked by our own sign-in action
// (lib/auth/actions.ts), which hands Auth.js a one-time ticket: the credentials provider accepts
// nothing else, so no sign-in skips the throttle or the second factor.
//
// Auth.js builds its URLs from AUTH_URL when set, otherwise from the request's (X-Forwarded-)Host.
// scripts/serve.ts sets it from SITE_URL before the app loads; this covers any other way of
// loading the app. No `trustHost`: Auth.js trusts the host exactly when AUTH_URL is set.
configureSiteOrigin();

export const { handlers, auth, signIn, signOut } = NextAuth({
  session: { strategy: 'jwt', maxAge: Math.ceil(sessionLifetime().absoluteMs / 1000) },
  pages: { signIn: '/login' },
  providers: [
    Credentials({
      credentials: { ticket: {} },
      async authorize(credentials) {
        const ticket = typeof credentials?.ticket === 'string' ? credentials.ticket : '';
        const started = ticket ? await startSession(db, ticket) : null;
        if (!started) return null;
        return { id: started.userId, email: started.email, name: started.name, sid: started.sessionToken };
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.uid = user.id;
        token.sid = (user as { sid?: string }).sid;
      }
      return token;
    },
    // What auth() returns (and /api/auth/session shows the page): the session's row id, never
    // the token itself.
    session({ session, token }) {
      return { ...session, uid: token.uid as string | undefined, sid: typeof token.sid === 'string' ? sessionIdOf(token.sid) : undefined };
    },
  },
  events: {
    // Signing out ends the server-side session, so the cookie is worthless even if copied.
    async signOut(message) {
      const token = 'token' in message ? message.token : null;
      if (typeof token?.uid !== 'string' || typeof token.sid !== 'string') return;
      await endSession(db, {
        userId: token.uid,
        sessionId: sessionIdOf(token.sid),
        actorId: token.uid,
        reason: 'sign-out',
        ip: await requestIp().catch(() => null),
      });
    },
  },
});
