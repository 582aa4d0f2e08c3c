/**
 * Lets the demo log in against the local emulator from WeChat DevTools.
 *
 * A code from the real wx.login is issued by WeChat's servers, which the emulator cannot ask
 * about; and the demo's appid is not yours, so DevTools may refuse wx.login outright. With the
 * bridge, wx.login asks the emulator's control API for a code for the chosen test user instead
 * (POST /__emulator/wechat/login), exactly what a phone would get from WeChat. Everything else,
 * the SDK included, runs unchanged. Never enable it against a real Authing host.
 */
const OPENID_KEY = 'authing-demo:emulator-openid';

function loginFailure(reason) {
  return { errMsg: `login:fail ${reason}` };
}

function installEmulatorBridge(config) {
  const base = config.host.replace(/\/+$/, '');
  const request = wx.request;

  function currentOpenid() {
    return wx.getStorageSync(OPENID_KEY) || '';
  }

  function mintCode() {
    const data = { appid: config.wechatAppId };
    const openid = currentOpenid();
    // No openid: the emulator creates a new WeChat user, remembered below like a phone's owner.
    if (openid) data.openid = openid;
    return new Promise((resolve, reject) => {
      request({
        url: `${base}/__emulator/wechat/login`,
        method: 'POST',
        data,
        success(res) {
          const body = res.data || {};
          if (res.statusCode === 200 && body.code) {
            wx.setStorageSync(OPENID_KEY, body.openid);
            resolve({ code: body.code, errMsg: 'login:ok' });
          } else {
            reject(loginFailure(`emulator answered ${res.statusCode}: ${JSON.stringify(body)}`));
          }
        },
        fail(error) {
          reject(loginFailure(`emulator unreachable at ${base} (${error.errMsg}); is npm start running?`));
        },
      });
    });
  }

  // WeChat's own shape: callbacks when given, a promise otherwise.
  function login(options) {
    const opts = options || {};
    const result = mintCode();
    if (!opts.success && !opts.fail && !opts.complete) return result;
    result.then(
      (res) => {
        if (opts.success) opts.success(res);
        if (opts.complete) opts.complete(res);
      },
      (error) => {
        if (opts.fail) opts.fail(error);
        if (opts.complete) opts.complete(error);
      },
    );
    return undefined;
  }

  let active = false;
  try {
    Object.defineProperty(wx, 'login', { value: login, configurable: true, writable: true });
    active = wx.login === login;
  } catch (error) {
    console.warn('[demo] wx.login cannot be replaced here; logins will use WeChat’s real code', error);
  }

  return {
    active,
    testUsers: (config.emulator && config.emulator.testUsers) || [],
    currentOpenid,
    /** The next wx.login is this WeChat user's ('' = a brand-new user). */
    useOpenid(openid, client) {
      if (openid) wx.setStorageSync(OPENID_KEY, openid);
      else wx.removeStorageSync(OPENID_KEY);
      // The components keep a code ready before any tap; the one held now is the previous user's.
      // Hand it to no one, and let the SDK fetch the next one (now for the new user).
      const codes = client && client.core && client.core.codes;
      if (codes)
        codes.take().then(
          () => codes.refill(),
          () => codes.refill(),
        );
    },
  };
}

module.exports = { installEmulatorBridge };
