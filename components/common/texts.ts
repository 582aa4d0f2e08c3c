import type { Lang } from '../../lib/core';

/** Everything the components show or read aloud, per language. */
export interface Texts {
  /** The language as WeChat's own APIs spell it (wx.getUserProfile's `lang`). */
  wxLang: 'zh_CN' | 'en';
  login: {
    silent: string;
    profile: string;
    submit: string;
    chooseAvatar: string;
    nicknamePlaceholder: string;
    nicknameLabel: string;
    profileDesc: string;
    loading: string;
  };
  phone: {
    login: string;
    phone: string;
    loading: string;
  };
  avatar: {
    change: string;
    empty: string;
    loading: string;
  };
  /** Toast texts for `fail`, by code; `generic` for any other code. */
  errors: Record<string, string> & { generic: string };
}

const zhCN: Texts = {
  wxLang: 'zh_CN',
  login: {
    silent: '微信一键登录',
    profile: '授权登录',
    submit: '登录',
    chooseAvatar: '选择头像',
    nicknamePlaceholder: '请输入昵称',
    nicknameLabel: '昵称',
    profileDesc: '用于完善会员资料',
    loading: '登录中…',
  },
  phone: {
    login: '手机号快捷登录',
    phone: '获取手机号',
    loading: '请稍候…',
  },
  avatar: {
    change: '更换头像',
    empty: '头像',
    loading: '上传中…',
  },
  errors: {
    generic: '操作失败，请稍后重试',
    NETWORK_ERROR: '网络异常，请检查网络后重试',
    TIMEOUT: '请求超时，请重试',
    NO_CLIENT: '登录组件未配置 app-id',
    NOT_LOGGED_IN: '请先登录',
    NO_PERMISSION: '小程序暂无获取手机号权限',
    PRIVACY_NOT_AUTHORIZED: '请先同意隐私保护指引',
    PHONE_QUOTA_EXHAUSTED: '手机号验证次数已用完',
    LOGIN_CODE_UNAVAILABLE: '登录准备中，请再点一次',
    UPLOAD_FAILED: '头像上传失败，请重试',
    UNSUPPORTED: '微信版本过低，请升级后重试',
  },
};

const enUS: Texts = {
  wxLang: 'en',
  login: {
    silent: 'Log in with WeChat',
    profile: 'Log in with WeChat profile',
    submit: 'Log in',
    chooseAvatar: 'Choose avatar',
    nicknamePlaceholder: 'Enter a nickname',
    nicknameLabel: 'Nickname',
    profileDesc: 'To complete your profile',
    loading: 'Logging in…',
  },
  phone: {
    login: 'Log in with phone number',
    phone: 'Use my phone number',
    loading: 'Please wait…',
  },
  avatar: {
    change: 'Change avatar',
    empty: 'Avatar',
    loading: 'Uploading…',
  },
  errors: {
    generic: 'Something went wrong, please try again',
    NETWORK_ERROR: 'Network error, please check your connection',
    TIMEOUT: 'Request timed out, please try again',
    NO_CLIENT: 'Login component has no app-id',
    NOT_LOGGED_IN: 'Please log in first',
    NO_PERMISSION: 'This mini program may not read phone numbers',
    PRIVACY_NOT_AUTHORIZED: 'Please accept the privacy guide first',
    PHONE_QUOTA_EXHAUSTED: 'Phone verification quota used up',
    LOGIN_CODE_UNAVAILABLE: 'Almost ready, please tap again',
    UPLOAD_FAILED: 'Avatar upload failed, please try again',
    UNSUPPORTED: 'Please update WeChat and try again',
  },
};

export const TEXTS: Record<Lang, Texts> = { 'zh-CN': zhCN, 'en-US': enUS };

/** The `lang` property, else the client's, else Chinese; an unknown value falls back rather than breaking. */
export function resolveLang(property: string, clientLang?: string): Lang {
  for (const candidate of [property, clientLang]) {
    if (candidate === 'zh-CN' || candidate === 'en-US') return candidate;
  }
  return 'zh-CN';
}
