const config = require('./config');
const { installEmulatorBridge } = require('./dev/emulator-bridge');
const { AuthenticationClient } = require('authing-wxapp-sdk');

// Before the client exists: the components fetch a wx.login code as soon as they attach.
const emulatorBridge = config.emulator && config.emulator.bridge ? installEmulatorBridge(config) : null;

// The one client of the app. Components without app-id find it (the app's first client) and share
// its session, so a login on any page is the login everywhere.
const authing = new AuthenticationClient({ appId: config.appId, host: config.host });

App({
  authing,
  config,
  emulatorBridge,
});
