import { fromWxFailure, type AuthCore, type User, type WechatUserInfo } from '../../lib/core';
import { authingComponent, exchangeHeldCode, supportsChooseAvatar, supportsGetUserProfile, supportsNicknameInput } from '../common';

/**
 * How this button signs the user in:
 * - silent: wx.login code only;
 * - chooseAvatar: base library 2.21.2+, the avatar button and nickname input, saved after login;
 * - getUserProfile / getUserInfo: older base libraries, whose encrypted profile needs a code from before the tap.
 */
type Flow = 'silent' | 'chooseAvatar' | 'getUserProfile' | 'getUserInfo';

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

function loginWithProfile(client: AuthCore, detail: ProfileDetail): Promise<User> {
  return exchangeHeldCode(client, (code) => client.loginByCode(code, profileInfo(detail)));
}

authingComponent({
  externalClasses: ['label-class', 'avatar-class', 'input-class'],
  properties: {
    /** 'silent': log in with wx.login only; 'profile': also ask for the avatar and nickname. */
    mode: { type: String, value: 'silent' },
    /** Why the profile is asked for (wx.getUserProfile's `desc`, base libraries 2.10.4 – 2.21.1). */
    profileDesc: { type: String, value: '' },
  },
  data: {
    flow: 'silent' as Flow,
    /** The chosen avatar's temp file, uploaded after login. */
    avatarUrl: '',
    nickname: '',
  },
  observers: {
    mode() {
      this.setData({ flow: this.currentFlow() });
      this.authingReconnect();
    },
  },
  lifetimes: {
    attached() {
      this.setData({ flow: this.currentFlow() });
    },
  },
  methods: {
    currentFlow(): Flow {
      if (this.data.mode !== 'profile') return 'silent';
      if (supportsChooseAvatar() && supportsNicknameInput()) return 'chooseAvatar';
      return supportsGetUserProfile() ? 'getUserProfile' : 'getUserInfo';
    },

    onClientReady(client: AuthCore) {
      const flow = this.currentFlow();
      if (flow === 'getUserProfile' || flow === 'getUserInfo') return client.codes.keepFresh();
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
      // The getUserInfo button reports through bind:getuserinfo, after the user's choice.
      if (flow === 'getUserInfo') return;
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
        const lang = this.data.locale === 'en-US' ? 'en' : 'zh_CN';
        // wx.getUserProfile must be called in the tap itself, before anything asynchronous.
        void this.authingRun((client) =>
          new Promise<ProfileDetail>((resolve, reject) =>
            wx.getUserProfile({ desc, lang, success: resolve, fail: (error) => reject(fromWxFailure('getUserProfile', error)) }),
          ).then((detail) => loginWithProfile(client, detail)),
        );
      }
    },

    onGetUserInfo(event: WechatMiniprogram.CustomEvent<ProfileDetail>) {
      if (this.authingBusy()) return;
      const detail = event.detail || {};
      if (!/:ok$/.test(detail.errMsg ?? '')) {
        this.authingFail(fromWxFailure('getUserInfo', detail));
        return;
      }
      void this.authingRun((client) => loginWithProfile(client, detail));
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
