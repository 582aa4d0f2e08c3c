import { fromWxFailure, type AuthCore, type User, type WechatUserInfo } from '../../lib/core';
import {
  LOGIN_MODES,
  authingComponent,
  exchangeHeldCode,
  supportsChooseAvatar,
  supportsGetUserProfile,
  supportsNicknameInput,
  type LoginMode,
  type Texts,
} from '../common';

/**
 * How this button signs the user in:
 * - silent: wx.login code only;
 * - chooseAvatar: mode="profile" on base library 2.21.2+: the avatar button and nickname input, saved after login;
 * - getUserProfile: mode="profile" on 2.10.4 – 2.21.1, which still answer it with the real profile (WeChat
 *   anonymised it from 2.27.1 on); its encrypted profile needs a code from before the tap.
 * Below 2.10.4 profile mode is the silent login: getUserInfo has answered "微信用户" and a grey avatar
 * since 2021-04-13, so there is no profile to ask for.
 */
type Flow = 'silent' | 'chooseAvatar' | 'getUserProfile';

type ProfileDetail = WechatUserInfo & { errMsg?: string };

/** Only what WeChat actually filled in: an empty iv must not reach Authing as a value to decrypt. */
function profileInfo(detail: ProfileDetail): WechatUserInfo {
  const info: WechatUserInfo = {};
  if (detail.iv && detail.encryptedData) {
    info.iv = detail.iv;
    info.encryptedData = detail.encryptedData;
  }
  if (detail.rawData) info.rawData = detail.rawData;
  return info;
}

authingComponent({
  externalClasses: ['label-class', 'avatar-class', 'input-class'],
  /** Checked when attached and whenever set (onChoiceChanged reacts). */
  choices: { mode: LOGIN_MODES },
  properties: {
    /** LoginMode: 'silent' | 'profile'. */
    mode: { type: String, value: 'silent' as LoginMode },
    /** Why the profile is asked for (wx.getUserProfile's `desc`, base libraries 2.10.4 – 2.21.1). */
    profileDesc: { type: String, value: '' },
  },
  data: {
    flow: 'silent' as Flow,
    /** The chosen avatar's temp file, uploaded after login. */
    avatarUrl: '',
    nickname: '',
  },
  lifetimes: {
    attached() {
      this.showFlow();
    },
  },
  methods: {
    /** `mode` changed: another flow, and onClientReady again (whether a code is held depends on it). */
    onChoiceChanged() {
      this.showFlow();
      this.authingReconnect();
    },

    currentFlow(): Flow {
      if (this.data.mode !== 'profile') return 'silent';
      if (supportsChooseAvatar() && supportsNicknameInput()) return 'chooseAvatar';
      return supportsGetUserProfile() ? 'getUserProfile' : 'silent';
    },

    showFlow() {
      const flow = this.currentFlow();
      if (flow !== this.data.flow) this.setData({ flow });
      this.authingView();
    },

    ownTexts(t: Texts) {
      const idle = { silent: t.login.silent, chooseAvatar: t.login.submit, getUserProfile: t.login.profile }[this.data.flow];
      return { idle, busy: t.login.loading };
    },

    onClientReady(client: AuthCore) {
      if (this.currentFlow() === 'getUserProfile') return client.codes.keepFresh();
      // One code ahead makes the tap one round trip shorter; no encrypted data, so no need to keep it fresh.
      client.codes.prefetch().catch(() => undefined);
      return undefined;
    },

    onPageShow(client: AuthCore) {
      client.codes.refreshIfStale();
    },

    onTap() {
      if (this.authingBusy()) return;
      const flow = this.data.flow;
      if (flow === 'silent') {
        void this.authingRun((client) => client.loginByCode());
      } else if (flow === 'chooseAvatar') {
        const { avatarUrl, nickname } = this.data;
        void this.authingRun(async (client) => {
          const user = await client.loginByCode();
          // One profile update for both fields: the avatar is uploaded first, then saved with the nickname.
          const patch: { photo?: string; nickname?: string } = {};
          if (avatarUrl) patch.photo = await client.uploadImage(avatarUrl);
          if (nickname.trim()) patch.nickname = nickname.trim();
          return patch.photo || patch.nickname ? client.updateProfile(patch) : user;
        });
      } else {
        const desc = this.data.profileDesc || this.data.t.login.profileDesc;
        const lang = this.data.t.wxLang;
        // wx.getUserProfile must be called in the tap itself, before anything asynchronous.
        void this.authingRun((client) =>
          new Promise<ProfileDetail>((resolve, reject) =>
            wx.getUserProfile({ desc, lang, success: resolve, fail: (error) => reject(fromWxFailure('getUserProfile', error)) }),
          ).then((detail): Promise<User> => exchangeHeldCode(client, (code) => client.loginByCode(code, profileInfo(detail)))),
        );
      }
    },

    onChooseAvatar(event: WechatMiniprogram.CustomEvent<{ avatarUrl?: string; errMsg?: string }>) {
      if (this.authingBusy()) return;
      const detail = event.detail || {};
      if (detail.avatarUrl) this.setData({ avatarUrl: detail.avatarUrl });
      else if (detail.errMsg) this.authingFail(fromWxFailure('chooseAvatar', detail));
    },

    onNickname(event: WechatMiniprogram.CustomEvent<{ value?: string }>) {
      const value = event.detail && typeof event.detail.value === 'string' ? event.detail.value : '';
      if (value !== this.data.nickname) this.setData({ nickname: value });
    },

    /** 2.29.1+: WeChat's check of the typed nickname; a refused one is cleared from the input by WeChat. */
    onNicknameReview(event: WechatMiniprogram.CustomEvent<{ pass?: boolean; timeout?: boolean }>) {
      if (event.detail && event.detail.pass === false && !event.detail.timeout) this.setData({ nickname: '' });
    },
  },
});
