const { userView, successNotice, failureNotice, errorNotice } = require('../../utils/view');

// A page built with Component(): its page lifecycle functions live in methods.
Component({
  data: {
    user: null,
    loading: true,
    nicknameDraft: '',
    saving: false,
    phone: null,
    notice: null,
  },

  lifetimes: {
    attached() {
      // The avatar picker and logout change the session; keep the card in step.
      this.stopWatching = getApp().authing.onAuthStateChange((_event, session) => this.setData({ user: userView(session.user) }));
    },
    detached() {
      if (this.stopWatching) this.stopWatching();
    },
  },

  methods: {
    onShow() {
      return this.refresh();
    },

    /** getCurrentUser: fresh from Authing; null when signed out, a rejection when Authing cannot be reached. */
    refresh() {
      this.setData({ loading: true });
      return getApp()
        .authing.getCurrentUser()
        .then(
          (user) => this.setData({ user: userView(user), nicknameDraft: (user && user.nickname) || '', loading: false }),
          (error) => this.setData({ loading: false, notice: errorNotice('读取当前用户', error) }),
        );
    },

    onAvatar(e) {
      this.setData({ user: userView(e.detail), notice: successNotice('头像已更新', [`新头像 ${e.detail.photo}`]) });
    },

    onPhone(e) {
      const phone = e.detail;
      this.setData({
        phone,
        notice: successNotice('已获取手机号', [`+${phone.countryCode} ${phone.purePhoneNumber}`, '只读取，不登录、不注册']),
      });
    },

    onFail(e) {
      this.setData({ notice: failureNotice(e.type, e.currentTarget.dataset.action, e.detail) });
    },

    onNicknameInput(e) {
      this.setData({ nicknameDraft: e.detail.value });
    },

    saveNickname() {
      const nickname = this.data.nicknameDraft.trim();
      if (!nickname) {
        this.setData({ notice: failureNotice('fail', '保存昵称', { code: 'EMPTY', message: '请先输入昵称' }) });
        return Promise.resolve();
      }
      this.setData({ saving: true });
      return getApp()
        .authing.updateProfile({ nickname })
        .then(
          (user) => this.setData({ saving: false, user: userView(user), notice: successNotice('昵称已保存', [`昵称 ${user.nickname}`]) }),
          (error) => this.setData({ saving: false, notice: errorNotice('保存昵称', error) }),
        );
    },

    /** Signs out at Authing and here; here even when Authing cannot be reached. */
    logout() {
      return getApp()
        .authing.logout()
        .then(
          () => this.setData({ user: null, phone: null, notice: successNotice('已退出登录', ['本机的 token 与用户信息已清除']) }),
          (error) => this.setData({ notice: errorNotice('退出登录', error) }),
        );
    },
  },
});
