import type { SessionStore, User } from '../../core';

/**
 * authing-js-sdk's `tokenProvider` option, on the shared session store: one session for the
 * components and the full client, in memory and wx storage. authing-js-sdk reads it synchronously.
 */
export function sessionTokenProvider(session: SessionStore) {
  return class SessionTokenProvider {
    options: unknown;

    constructor(options: unknown) {
      this.options = options;
    }

    getToken(): string | null {
      return session.getToken();
    }

    setToken(token: string): void {
      if (token) session.setToken(token);
      else session.clear();
    }

    getUser(): User | null {
      return session.getUser();
    }

    /**
     * authing-js-sdk calls this with every user object it receives. A new token means a login; a
     * user without one (updateProfile, registration without generateToken) only refreshes the
     * signed-in user's profile, and never signs anyone out or in.
     */
    setUser(user: User | null | undefined): void {
      if (!user || typeof user !== 'object' || typeof user.id !== 'string') return;
      const current = session.getToken();
      if (user.token && user.token !== current) session.signIn(user);
      else if (current && session.getUserId() === user.id) session.updateUser(user);
    }

    clearUser(): void {
      session.clear();
    }
  };
}
