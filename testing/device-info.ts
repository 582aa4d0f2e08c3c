/**
 * What the phone says about itself and the mini program: getSystemInfoSync,
 * getAppBaseInfo (2.25.3+), getAccountInfoSync (2.2.2+). Values are those of
 * a typical device of the chosen platform; SDKVersion is the one under test.
 */

export type Platform = 'ios' | 'android' | 'devtools';

/** The WeChat app version reported alongside the base library. */
const WECHAT_VERSION = '8.0.50';

const DEVICE: Record<Platform, { brand: string; model: string; system: string; pixelRatio: number }> = {
  ios: { brand: 'iPhone', model: 'iPhone 13<iPhone14,5>', system: 'iOS 17.5', pixelRatio: 3 },
  android: { brand: 'Xiaomi', model: '2201123C', system: 'Android 13', pixelRatio: 3 },
  devtools: { brand: 'devtools', model: 'iPhone 12/13 (Pro)', system: 'iOS 10.0.1', pixelRatio: 3 },
};

export type AppBaseInfo = Pick<
  WechatMiniprogram.AppBaseInfo,
  'SDKVersion' | 'enableDebug' | 'fontSizeSetting' | 'language' | 'version' | 'theme'
> & { host: { env: 'WeChat' } };

export type SystemInfo = Pick<
  WechatMiniprogram.SystemInfo,
  | 'SDKVersion'
  | 'brand'
  | 'model'
  | 'system'
  | 'platform'
  | 'version'
  | 'language'
  | 'pixelRatio'
  | 'screenWidth'
  | 'screenHeight'
  | 'windowWidth'
  | 'windowHeight'
  | 'statusBarHeight'
  | 'fontSizeSetting'
  | 'enableDebug'
>;

export interface AccountInfo {
  miniProgram: { appId: string; envVersion: 'develop' | 'trial' | 'release'; version: string };
}

export function appBaseInfo(SDKVersion: string): AppBaseInfo {
  return {
    SDKVersion,
    enableDebug: false,
    fontSizeSetting: 16,
    host: { env: 'WeChat' },
    language: 'zh_CN',
    version: WECHAT_VERSION,
    theme: 'light',
  };
}

export function systemInfo(SDKVersion: string, platform: Platform): SystemInfo {
  const d = DEVICE[platform];
  return {
    SDKVersion,
    brand: d.brand,
    model: d.model,
    system: d.system,
    platform,
    version: WECHAT_VERSION,
    language: 'zh_CN',
    pixelRatio: d.pixelRatio,
    screenWidth: 390,
    screenHeight: 844,
    windowWidth: 390,
    windowHeight: 753,
    statusBarHeight: 47,
    fontSizeSetting: 16,
    enableDebug: false,
  };
}

/** A development build: WeChat reports envVersion 'develop' and no version there. */
export function accountInfo(appId: string): AccountInfo {
  return { miniProgram: { appId, envVersion: 'develop', version: '' } };
}
