import NextAuth, { CredentialsSignin } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { db } from '@/lib/db/client';
import { authenticate } from './authenticate';
import { clientIpFromHeaders } from './client-ip';

class InvalidCredentials extends CredentialsSignin {
  code = 'invalid';
}
class Throttled extends CredentialsSignin {
  code = 'throttled';
}

// JWT sessions carry only the user id and session version; everything else (role, active) is
// re-read from the database on every request by lib/auth/session.ts.
export const { handlers, auth, signIn, signOut } = NextAuth({
  trustHost: true,
  session: { strategy: 'jwt', maxAge: 8 * 60 * 60 },
  pages: { signIn: '/login' },
  providers: [
    Credentials({
      credentials: { email: {}, password: {} },
      async authorize(credentials, request) {
        const result = await authenticate(db, credentials, clientIpFromHeaders(request.headers));
        if (!result.ok) throw result.reason === 'throttled' ? new Throttled() : new InvalidCredentials();
        return { id: result.user.id, email: result.user.email, name: result.user.name, sessionVersion: result.user.sessionVersion };
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.uid = user.id;
        token.sv = (user as { sessionVersion?: number }).sessionVersion ?? 0;
      }
      return token;
    },
    session({ session, token }) {
      return { ...session, uid: token.uid as string | undefined, sv: token.sv as number | undefined };
    },
  },
});
