import type { EmulatorContext } from '../../context';
import type { UserRecord } from '../../store/user-store';
import type { IssuedToken } from '../sessions';
import { userView } from '../user-view';

/** Authing's `Identity` for each external account linked to the user (the WeChat mini program, today). */
function identitiesOf(ctx: EmulatorContext, user: UserRecord) {
  return ctx.users.identitiesOf(user.id).map((row) => ({
    openid: row.openid,
    userIdInIdp: row.openid,
    userInfoInIdp: null,
    userId: user.id,
    connectionId: null,
    isSocial: true,
    provider: row.provider,
    userPoolId: user.userPoolId,
    refreshToken: null,
    accessToken: null,
    type: 'social',
    extIdpId: null,
  }));
}

export function customDataOf(ctx: EmulatorContext, userId: string) {
  return ctx.users.listUdv(userId).map((row) => ({ key: row.key, value: row.value, dataType: row.dataType, label: null }));
}

/**
 * The GraphQL `User`: Authing's user view plus the fields only some documents select, resolved
 * lazily (graphql-js calls a function-valued property) so a login that does not ask for them costs nothing.
 */
export function graphUser(ctx: EmulatorContext, user: UserRecord, issued?: IssuedToken | null, newlyCreated = false) {
  return {
    ...userView(user, issued ?? undefined),
    newlyCreated,
    identities: () => identitiesOf(ctx, user),
    customData: () => customDataOf(ctx, user.id),
  };
}
