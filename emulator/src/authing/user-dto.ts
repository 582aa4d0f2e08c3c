import type { UserRecord } from '../store/user-store';

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
