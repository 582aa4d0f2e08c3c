import { fromWxFailure, type AuthCore, type User } from '../../lib/core';
import { AVATAR_SHAPES, authingComponent, supportsChooseAvatar, type AvatarShape, type Texts } from '../common';

authingComponent({
  externalClasses: ['avatar-class', 'placeholder-class'],
  /** Checked when attached and whenever set (onChoiceChanged reacts). */
  choices: { shape: AVATAR_SHAPES },
  properties: {
    /** Width and height, any CSS length. */
    size: { type: String, value: '128rpx' },
    /** AvatarShape: 'circle' | 'square'. */
    shape: { type: String, value: 'circle' as AvatarShape },
  },
  data: {
    avatarUrl: '',
    loggedIn: false,
    /** 2.21.2+: WeChat's own avatar sheet (camera, album, the WeChat avatar); else chooseMedia. */
    chooseAvatar: false,
  },
  lifetimes: {
    attached() {
      this.setData({ chooseAvatar: supportsChooseAvatar() });
    },
  },
  methods: {
    ownTexts(t: Texts) {
      return { idle: t.avatar.empty, busy: t.avatar.loading, aria: t.avatar.change };
    },

    onClientReady(client: AuthCore) {
      this.showUser(client.getUser(), client.isLoggedIn());
      return client.onAuthStateChange((_event, session) => this.showUser(session.user, session.token !== null));
    },

    showUser(user: User | null, loggedIn: boolean) {
      const avatarUrl = (user && user.photo) || '';
      if (avatarUrl !== this.data.avatarUrl || loggedIn !== this.data.loggedIn) this.setData({ avatarUrl, loggedIn });
    },

    onTap() {
      if (this.authingBusy()) return;
      // The chooseAvatar button reports through bind:chooseavatar once the user has picked.
      if (this.data.chooseAvatar && this.data.loggedIn) return;
      // Not signed in (or no client): the core answers NOT_LOGGED_IN (NO_CLIENT) before any picker opens.
      void this.authingRun((client) => client.updateAvatar());
    },

    onChooseAvatar(event: WechatMiniprogram.CustomEvent<{ avatarUrl?: string; errMsg?: string }>) {
      if (this.authingBusy()) return;
      const detail = event.detail || {};
      const path = detail.avatarUrl;
      if (!path) {
        // WeChat usually fires nothing when the sheet is closed; some versions report a cancel.
        this.authingFail(fromWxFailure('chooseAvatar', detail.errMsg ? detail : { errMsg: 'chooseAvatar:fail cancel' }));
        return;
      }
      void this.authingRun((client) => client.updateAvatar(path));
    },
  },
});
