const { Authing } = require('authing-wxapp-sdk/v3');
const config = require('../../config');
const { userView, successNotice, errorNotice } = require('../../utils/view');

/** The v3 session as the page shows it: when it expires, and whether it can renew itself. */
function stateView(state) {
  if (!state) return null;
  return {
    expiresAt: new Date(state.expires_at).toLocaleString(),
    refreshable: Boolean(state.refresh_token),
    scope: state.scope,
  };
}

// The v3 client of the same Authing app: it shares the session with the components and the
// AuthenticationClient in app.js (a login here shows on every page, a logout anywhere ends it).
const authing = new Authing({ appId: config.appId, host: config.host });

Component({
  data: {
    user: null,
    state: null,
    phone: '',
    passCode: '',
    sending: false,
    busy: false,
    notice: null,
    messagesUrl: config.emulator && config.emulator.bridge ? `${config.host}/__emulator/messages` : '',
  },

  lifetimes: {
    attached() {
      this.stopWatching = authing.onAuthStateChange((_event, session) => {
        this.setData({ user: userView(session.user) });
        return this.showState();
      });
    },
    detached() {
      if (this.stopWatching) this.stopWatching();
    },
  },

  methods: {
    onShow() {
      this.setData({ user: userView(authing.getUser()) });
      return this.showState();
    },

    /** getLoginState renews a session about to expire first; null when no v3 login is active. */
    showState() {
      return authing.getLoginState().then((state) => this.setData({ state: stateView(state) }));
    },

    onPhoneInput(e) {
      this.setData({ phone: e.detail.value });
    },

    onCodeInput(e) {
      this.setData({ passCode: e.detail.value });
    },

    sendCode() {
      this.setData({ sending: true });
      return authing.sendSms({ phoneNumber: this.data.phone, channel: 'CHANNEL_LOGIN' }).then(
        () => this.setData({ sending: false, notice: successNotice('验证码已发送', [`+86 ${this.data.phone}`]) }),
        (error) => this.setData({ sending: false, notice: errorNotice('发送验证码', error) }),
      );
    },

    loginByPassCode() {
      return this.run(
        '验证码登录',
        () => authing.loginByPassCode({ phone: this.data.phone, passCode: this.data.passCode }),
        (state) => [
          `access token 有效至 ${new Date(state.expires_at).toLocaleString()}`,
          state.refresh_token ? '带 refresh token：将过期时自动续期' : '',
        ],
      );
    },

    refreshToken() {
      return this.run(
        '续期',
        () => authing.refreshToken(),
        () => ['refresh token 已轮换，旧的作废'],
      );
    },

    getUserInfo() {
      return this.run(
        '读取资料',
        () => authing.getUserInfo(),
        (profile) => [`userId ${profile.userId}`, profile.phone ? `手机号 ${profile.phone}` : ''],
      );
    },

    logout() {
      return this.run(
        '退出',
        () => authing.logout(),
        () => ['本机已退出，refresh token 已在 Authing 撤销'],
      );
    },

    /** One call with the page busy meanwhile; its result or its AuthingError as the notice. */
    run(action, call, lines) {
      this.setData({ busy: true });
      return call().then(
        (result) => {
          this.setData({ busy: false, notice: successNotice(`${action}成功`, lines(result)) });
          return this.showState();
        },
        (error) => this.setData({ busy: false, notice: errorNotice(action, error) }),
      );
    },
  },
});
