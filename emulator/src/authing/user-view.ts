import type { UserRecord } from '../store/user-store';
import type { IssuedToken } from './sessions';

/** The user as Authing returns it: every field of authing-js-sdk's `User`, token fields only right after a login. */
export function userView(user: UserRecord, issued?: IssuedToken) {
  return {
    ...user,
    arn: `arn:cn:authing:${user.userPoolId}:user:${user.id}`,
    password: null,
    token: issued?.token ?? null,
    tokenExpiredAt: issued?.tokenExpiredAt ?? null,
  };
}

export type UserView = ReturnType<typeof userView>;
