import { buildSchema } from 'graphql';

/**
 * The part of Authing's v2 GraphQL schema that authing-js-sdk 4.23's AuthenticationClient uses,
 * with Authing's type and field names (from the SDK's generated graphql.v2 types and the variable
 * declarations of its documents) so its documents validate unchanged.
 */
/**
 * The OpenID Connect standard claims, in the order Authing lists them: its User, UpdateUserInput and
 * RegisterProfile (authing-js-sdk 4.23.55 src/types/graphql.v2.ts) each carry this run of fields.
 */
const STANDARD_CLAIMS = /* GraphQL */ `
    name: String
    givenName: String
    familyName: String
    middleName: String
    profile: String
    preferredUsername: String
    website: String
    gender: String
    birthdate: String
    zoneinfo: String
    locale: String
    address: String
    formatted: String
    streetAddress: String
    locality: String
    region: String
    postalCode: String`;

/** What every registerBy* input takes after its credentials (RegisterByEmailInput and its siblings in graphql.v2.ts). */
const REGISTER_OPTIONS = /* GraphQL */ `
    profile: RegisterProfile
    forceLogin: Boolean
    generateToken: Boolean
    clientIp: String
    params: String
    context: String`;

/** What every loginBy* input takes after its credentials (LoginByEmailInput and its siblings in graphql.v2.ts). */
const LOGIN_OPTIONS = /* GraphQL */ `
    autoRegister: Boolean
    clientIp: String
    params: String
    context: String`;

export const SCHEMA_SDL = /* GraphQL */ `
  enum UserStatus {
    Suspended
    Resigned
    Activated
    Archived
  }

  enum EmailScene {
    RESET_PASSWORD
    RESET_PASSWORD_VERIFY_CODE
    VERIFY_EMAIL
    FIRST_EMAIL_LOGIN_VERIFY
    CONSOLE_CONDUCTED_VERIFY
    CHANGE_EMAIL
    EMAIL_BIND_VERIFY_CODE
    EMAIL_UNBIND_VERIFY_CODE
    MFA_VERIFY
    VERIFY_CODE
    REGISTER_VERIFY_CODE
    LOGIN_VERIFY_CODE
    MFA_VERIFY_CODE
    INFORMATION_COMPLETION_VERIFY_CODE
  }

  enum UDFTargetType {
    NODE
    ORG
    USER
    USERPOOL
    ROLE
    PERMISSION
    APPLICATION
  }

  enum UDFDataType {
    STRING
    NUMBER
    DATETIME
    BOOLEAN
    OBJECT
    SELECT
  }

  type Identity {
    openid: String
    userIdInIdp: String
    userInfoInIdp: String
    userId: String
    connectionId: String
    isSocial: Boolean
    provider: String
    userPoolId: String
    refreshToken: String
    accessToken: String
    type: String
    extIdpId: String
  }

  type UserCustomData {
    key: String!
    value: String
    label: String
    dataType: UDFDataType!
  }

  type User {
    id: String!
    arn: String!
    status: UserStatus
    userPoolId: String!
    username: String
    email: String
    emailVerified: Boolean
    phone: String
    phoneVerified: Boolean
    unionid: String
    openid: String
    identities: [Identity]
    nickname: String
    registerSource: [String!]
    photo: String
    password: String
    oauth: String
    token: String
    tokenExpiredAt: String
    loginsCount: Int
    lastLogin: String
    lastIP: String
    signedUp: String
    blocked: Boolean
    isDeleted: Boolean
    device: String
    browser: String
    company: String
    ${STANDARD_CLAIMS}
    city: String
    province: String
    country: String
    createdAt: String
    updatedAt: String
    externalId: String
    customData: [UserCustomData]
    phoneCountryCode: String
    mainDepartmentId: String
    mainDepartmentCode: String
    newlyCreated: Boolean
    expiredAt: String
    directManagement: String
  }

  type UserDefinedData {
    key: String!
    dataType: UDFDataType!
    value: String!
    label: String
  }

  type CommonMessage {
    message: String
    code: Int
  }

  type RefreshToken {
    token: String
    iat: Int
    exp: Int
  }

  type CheckPasswordStrengthResult {
    valid: Boolean!
    message: String
  }

  type JWTTokenStatusDetail {
    id: String
    userPoolId: String
    arn: String
  }

  type JWTTokenStatus {
    code: Int
    message: String
    status: Boolean
    exp: Int
    iat: Int
    data: JWTTokenStatusDetail
  }

  input UserDdfInput {
    key: String!
    value: String!
  }

  input RegisterProfile {
    ip: String
    phone: String
    email: String
    oauth: String
    username: String
    nickname: String
    company: String
    photo: String
    device: String
    browser: String
    ${STANDARD_CLAIMS}
    country: String
    udf: [UserDdfInput!]
  }

  input RegisterByEmailInput {
    email: String!
    password: String!
    ${REGISTER_OPTIONS}
    phoneToken: String
  }

  input RegisterByUsernameInput {
    username: String!
    password: String!
    ${REGISTER_OPTIONS}
    phoneToken: String
    emailToken: String
  }

  input RegisterByPhoneCodeInput {
    phone: String!
    code: String!
    phoneCountryCode: String
    password: String
    ${REGISTER_OPTIONS}
    emailToken: String
  }

  input LoginByEmailInput {
    email: String!
    password: String!
    captchaCode: String
    ${LOGIN_OPTIONS}
  }

  input LoginByUsernameInput {
    username: String!
    password: String!
    captchaCode: String
    ${LOGIN_OPTIONS}
  }

  input LoginByPhoneCodeInput {
    phone: String!
    code: String!
    phoneCountryCode: String
    ${LOGIN_OPTIONS}
  }

  input LoginByPhonePasswordInput {
    phone: String!
    password: String!
    captchaCode: String
    ${LOGIN_OPTIONS}
  }

  input UpdateUserInput {
    email: String
    unionid: String
    openid: String
    emailVerified: Boolean
    phone: String
    phoneVerified: Boolean
    username: String
    nickname: String
    password: String
    photo: String
    company: String
    browser: String
    device: String
    oauth: String
    tokenExpiredAt: String
    loginsCount: Int
    lastLogin: String
    lastIP: String
    blocked: Boolean
    ${STANDARD_CLAIMS}
    city: String
    province: String
    country: String
    externalId: String
    phoneCountryCode: String
    mainDepartmentId: String
    mainDepartmentCode: String
    expiredAt: String
    directManagement: String
  }

  input UserDefinedDataInput {
    key: String!
    value: String
  }

  type Query {
    checkLoginStatus(token: String): JWTTokenStatus
    checkPasswordStrength(password: String!): CheckPasswordStrengthResult!
    user(id: String): User
    udv(targetType: UDFTargetType!, targetId: String!): [UserDefinedData!]!
  }

  type Mutation {
    registerByEmail(input: RegisterByEmailInput!): User
    registerByUsername(input: RegisterByUsernameInput!): User
    registerByPhoneCode(input: RegisterByPhoneCodeInput!): User
    loginByEmail(input: LoginByEmailInput!): User
    loginByUsername(input: LoginByUsernameInput!): User
    loginByPhoneCode(input: LoginByPhoneCodeInput!): User
    loginByPhonePassword(input: LoginByPhonePasswordInput!): User
    sendEmail(email: String!, scene: EmailScene!): CommonMessage!
    resetPassword(phone: String, phoneCountryCode: String, email: String, code: String!, newPassword: String!): CommonMessage
    updateUser(id: String, input: UpdateUserInput!, emailToken: String, phoneToken: String): User!
    updatePassword(newPassword: String!, oldPassword: String): User!
    updatePhone(
      phone: String!
      phoneCode: String!
      oldPhone: String
      oldPhoneCode: String
      phoneCountryCode: String
      oldPhoneCountryCode: String
    ): User!
    updateEmail(email: String!, emailCode: String!, oldEmail: String, oldEmailCode: String): User!
    refreshToken(id: String): RefreshToken
    bindPhone(phone: String!, phoneCode: String!, phoneCountryCode: String): User!
    unbindPhone: User!
    bindEmail(email: String!, emailCode: String!): User!
    unbindEmail: User!
    setUdv(targetType: UDFTargetType!, targetId: String!, key: String!, value: String!): [UserDefinedData!]
    setUdvBatch(targetType: UDFTargetType!, targetId: String!, udvList: [UserDefinedDataInput!]): [UserDefinedData!]
    removeUdv(targetType: UDFTargetType!, targetId: String!, key: String!): [UserDefinedData!]
  }
`;

export const authingSchema = buildSchema(SCHEMA_SDL);
