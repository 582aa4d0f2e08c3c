/** The page's own words (the components bring theirs, through their `lang` property). */
export type PageLang = 'zh-CN' | 'en-US';

export interface Texts {
  sheets: {
    phone: string;
    allow: string;
    deny: string;
    quota: string;
    privacy: string;
    chooseAvatar: string;
    chooseMedia: string;
    profile: string;
    userInfo: string;
    cancel: string;
  };
}

export const TEXTS: Record<PageLang, Texts> = {
  'zh-CN': {
    sheets: {
      phone: '申请获取并验证你的手机号',
      allow: '允许',
      deny: '拒绝',
      quota: '允许（但小程序额度已用完）',
      privacy: '允许（但用户未同意隐私保护指引）',
      chooseAvatar: '选择头像',
      chooseMedia: '从相册选择',
      profile: '获取你的昵称、头像',
      userInfo: '获取你的公开信息（昵称、头像等）',
      cancel: '取消',
    },
  },
  'en-US': {
    sheets: {
      phone: 'Allow this mini program to get your phone number',
      allow: 'Allow',
      deny: 'Deny',
      quota: 'Allow (but the app has no phone quota left)',
      privacy: 'Allow (but the privacy policy was not agreed)',
      chooseAvatar: 'Choose an avatar',
      chooseMedia: 'Choose from album',
      profile: 'Share your nickname and avatar',
      userInfo: 'Share your public profile (nickname, avatar)',
      cancel: 'Cancel',
    },
  },
};
