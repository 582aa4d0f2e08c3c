/**
 * The demo's only configuration: which Authing app it signs users in to.
 *
 * By default it talks to the local emulator that `npm start` runs (same appId, appid and port as
 * the emulator's defaults). To try your own Authing app instead: set appId and host from the
 * Authing console, set emulator.bridge to false, and put your mini program's appid here and in
 * ../project.config.json.
 */
module.exports = {
  /** Authing 应用 ID（控制台 → 应用 → App ID）。 */
  appId: '6360a1f3b2c4d5e6f7a8b9c0',
  /** Authing 地址。`npm start -- --port N` 构建时会改写这一行。 */
  host: 'http://127.0.0.1:4000',
  /** 小程序 appid，与 project.config.json 的 appid 相同。 */
  wechatAppId: 'wx5f2b0c1d3e4a6b79',
  emulator: {
    /**
     * 只用于模拟器：开发者工具里的 wx.login 改由模拟器为所选测试用户签发 code
     * （模拟器不认识微信服务器签发的 code）。连接真实 Authing 时设为 false。
     */
    bridge: true,
    /** `npm start` 在模拟器里预置的微信用户；首页「测试微信用户」里切换。 */
    testUsers: [
      { openid: 'o_demo_alice', name: 'Alice', nickname: 'Alice', phone: '13800138001' },
      { openid: 'o_demo_bob', name: 'Bob', nickname: '鲍勃', phone: '13800138002' },
      { openid: 'o_demo_carol', name: 'Carol', note: '尚未注册 Authing，首次登录时创建' },
    ],
  },
};
