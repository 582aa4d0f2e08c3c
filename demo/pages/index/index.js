const { userView, successNotice, failureNotice, errorNotice } = require('../../utils/view');

/** The test users the emulator bridge offers, plus "a brand-new WeChat user". */
function testUserOptions(bridge) {
  if (!bridge || !bridge.active) return [];
  const options = bridge.testUsers.map((u) => ({
    openid: u.openid,
    label: `${u.name}（${u.phone ? `手机 ${u.phone}` : u.note || u.openid}）`,
  }));
  options.push({ openid: '', label: '新的微信用户（每次登录都不同）' });
  return options;
}

// A page built with Component(): its page lifecycle functions (onLoad, onShow) live in methods.
Component({
  data: {
    user: null,
    notice: null,
    testUsers: [],
    testUserIndex: 0,
  },

  lifetimes: {
    attached() {
      const app = getApp();
      // Every login, on any page or component, lands here: the session is shared.
      this.stopWatching = app.authing.onAuthStateChange((_event, session) => this.setData({ user: userView(session.user) }));
      const testUsers = testUserOptions(app.emulatorBridge);
      const current = app.emulatorBridge ? app.emulatorBridge.currentOpenid() : '';
      const index = testUsers.findIndex((u) => u.openid === current);
      this.setData({ testUsers, testUserIndex: index >= 0 ? index : testUsers.length - 1 });
    },
    detached() {
      if (this.stopWatching) this.stopWatching();
    },
  },

  methods: {
    /** Who is signed in, asked of Authing (null when nobody is). */
    onShow() {
      return getApp()
        .authing.getCurrentUser()
        .then(
          (user) => this.setData({ user: userView(user) }),
          (error) => this.setData({ notice: errorNotice('读取当前用户', error) }),
        );
    },

    /** `success` of every button: e.detail is the signed-in Authing user. */
    onLogin(e) {
      const user = e.detail;
      this.setData({
        user: userView(user),
        notice: successNotice(`${e.currentTarget.dataset.action}成功`, [
          `欢迎，${user.nickname || '新用户'}`,
          user.phone ? `手机号 ${user.phone}` : '',
          user.photo ? `头像 ${user.photo}` : '',
          `token 已保存，其它页面与 getApp().authing 同时处于登录状态`,
        ]),
      });
    },

    /** `fail` and `cancel`: e.detail is { code, message, data }; cancel is the user's own "no". */
    onFail(e) {
      this.setData({ notice: failureNotice(e.type, e.currentTarget.dataset.action, e.detail) });
    },

    onPickTestUser(e) {
      const option = this.data.testUsers[Number(e.detail.value)];
      const app = getApp();
      app.emulatorBridge.useOpenid(option.openid, app.authing);
      this.setData({ testUserIndex: Number(e.detail.value) });
      return app.authing
        .logout()
        .then(() => this.setData({ user: null, notice: successNotice('已切换测试用户', [`下次登录使用：${option.label}`]) }));
    },
  },
});
