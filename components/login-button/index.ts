import { fromWxFailure, type AuthCore } from '../../lib/core';
import { LOGIN_MODES, authingComponent, supportsChooseAvatar, supportsNicknameInput, type LoginMode, type Texts } from '../common';

/**
 * mode="silent": a wx.login code only. mode="profile": on base library 2.21.2+ also WeChat's
 * avatar button and nickname input, saved after the login. Below 2.21.2 there is no way to a real
 * profile (getUserInfo and getUserProfile answer "微信用户" and a grey avatar since 2021-04-13 and
 * 2022-10-25), so profile mode logs in silently there.
 */
authingComponent({
  externalClasses: ['label-class', 'avatar-class', 'input-class'],
  properties: {
    /** LoginMode: 'silent' | 'profile'. */
    mode: { type: String, value: 'silent' as LoginMode },
  },
  data: {
    /** The avatar button and nickname input are shown (profile mode, and the base library has them). */
    profile: false,
    /** The chosen avatar's temp file, uploaded after login. */
    avatarUrl: '',
    nickname: '',
  },
  observers: {
    mode() {
      if (this.authingChoice('mode', LOGIN_MODES) !== null) this.showMode();
    },
  },
  lifetimes: {
    attached() {
      this.authingChoice('mode', LOGIN_MODES);
      this.showMode();
    },
  },
  methods: {
    showMode() {
      const profile = this.data.mode === 'profile' && supportsChooseAvatar() && supportsNicknameInput();
      if (profile !== this.data.profile) this.setData({ profile });
      this.authingView();
    },

    ownTexts(t: Texts) {
      return { idle: this.data.profile ? t.login.submit : t.login.silent, busy: t.login.loading };
    },

    onClientReady(client: AuthCore) {
      // One code ahead makes the tap one round trip shorter; no encrypted data, so no need to keep it fresh.
      client.codes.prefetch().catch(() => undefined);
    },

    onPageShow(client: AuthCore) {
      client.codes.refreshIfStale();
    },

    onTap() {
      if (this.authingBusy()) return;
      if (!this.data.profile) {
        void this.authingRun((client) => client.loginByCode());
        return;
      }
      const { avatarUrl, nickname } = this.data;
      void this.authingRun(async (client) => {
        const user = await client.loginByCode();
        // One profile update for both fields: the avatar is uploaded first, then saved with the nickname.
        const patch: { photo?: string; nickname?: string } = {};
        if (avatarUrl) patch.photo = await client.uploadImage(avatarUrl);
        if (nickname.trim()) patch.nickname = nickname.trim();
        return patch.photo || patch.nickname ? client.updateProfile(patch) : user;
      });
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
