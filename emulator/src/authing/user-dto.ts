import type { EmulatorContext } from '../context';
import type { UserRecord } from '../store/user-store';
import { AuthingCodes, AuthingError } from '../errors';
import { plainUdv, typedUdv } from './graphql/udv-values';
import { MINIPROGRAM_PROVIDER, miniprogramConnectionId } from './wechat-login';

/**
 * The user as Authing's v3 API answers it (authing-node-sdk UserDto, read by the mini-program
 * SDK's getUserInfo as `UserInfo`). Only fields the emulator keeps; absent ones are left out, as
 * the DTO marks them optional.
 */
export function userDto(user: UserRecord) {
  return {
    userId: user.id,
    createdAt: user.createdAt,
    updatedAt: user.updatedAt,
    status: user.blocked ? 'Suspended' : 'Activated',
    workStatus: 'Active',
    externalId: user.externalId ?? undefined,
    email: user.email ?? undefined,
    phone: user.phone ?? undefined,
    phoneCountryCode: user.phoneCountryCode ?? undefined,
    username: user.username ?? undefined,
    name: user.name ?? undefined,
    nickname: user.nickname ?? undefined,
    photo: user.photo,
    loginsCount: user.loginsCount,
    lastLogin: user.lastLogin ?? undefined,
    lastIp: user.lastIP ?? undefined,
    gender: user.gender === 'M' || user.gender === 'F' ? user.gender : 'U',
    emailVerified: user.emailVerified,
    phoneVerified: user.phoneVerified,
    birthdate: user.birthdate ?? undefined,
    country: user.country ?? undefined,
    province: user.province ?? undefined,
    city: user.city ?? undefined,
    address: user.address ?? undefined,
    streetAddress: user.streetAddress ?? undefined,
    postalCode: user.postalCode ?? undefined,
    company: user.company ?? undefined,
    givenName: user.givenName ?? undefined,
    familyName: user.familyName ?? undefined,
    middleName: user.middleName ?? undefined,
    profile: user.profile ?? undefined,
    preferredUsername: user.preferredUsername ?? undefined,
    website: user.website ?? undefined,
    zoneinfo: user.zoneinfo ?? undefined,
    locale: user.locale ?? undefined,
    formatted: user.formatted ?? undefined,
    region: user.region ?? undefined,
    userSourceType: 'register',
    registerSource: user.registerSource,
  };
}

/** What get-profile adds on request (GetProfileDto: withCustomData, withIdentities, withDepartmentIds). */
export interface ProfileExtras {
  withCustomData?: boolean;
  withIdentities?: boolean;
  withDepartmentIds?: boolean;
}

/**
 * The user's linked accounts as IdentityDto (authing-node-sdk): the mini program's openid is a
 * `wechat` identity of type `openid`, from the app's mini-program connection.
 */
function identityDtos(ctx: EmulatorContext, user: UserRecord) {
  const connectionId = miniprogramConnectionId(ctx);
  return ctx.users
    .identitiesOf(user.id)
    .filter((identity) => identity.provider === MINIPROGRAM_PROVIDER)
    .map((identity) => ({
      identityId: `${connectionId}:${identity.openid}`,
      extIdpId: connectionId,
      provider: 'wechat',
      type: 'openid',
      userIdInIdp: identity.openid,
      userInfoInIdp: { openid: identity.openid, unionid: identity.unionid ?? undefined },
      originConnIds: [connectionId],
    }));
}

/** UserDto with the parts a caller asked for; the emulator has no departments, so departmentIds is empty. */
export function profileDto(ctx: EmulatorContext, user: UserRecord, extras: ProfileExtras = {}) {
  return {
    ...userDto(user),
    ...(extras.withIdentities ? { identities: identityDtos(ctx, user) } : {}),
    ...(extras.withCustomData ? { customData: Object.fromEntries(ctx.users.listUdv(user.id).map((row) => [row.key, plainUdv(row)])) } : {}),
    ...(extras.withDepartmentIds ? { departmentIds: [] } : {}),
  };
}

/**
 * UpdateUserProfileDto.customData (and the v3 sign-ins' options.customData): each key set to its
 * value. Authing takes only keys defined in the console; the emulator has none, so it takes any key
 * and types the value by itself, as the GraphQL face does.
 */
export function saveCustomData(ctx: EmulatorContext, userId: string, customData: unknown): void {
  if (customData === undefined) return;
  if (!customData || typeof customData !== 'object' || Array.isArray(customData)) {
    throw new AuthingError(AuthingCodes.badRequest, 'customData 必须是对象', 400);
  }
  for (const [key, value] of Object.entries(customData)) {
    const typed = typedUdv(value);
    ctx.users.setUdv(userId, key, typed.dataType, typed.value);
  }
}
