/**
 * The playground page: the built components on glass-easel, a `wx` backed by the emulator (through
 * the playground server, same origin), and panels showing what happens.
 *
 * Switches that change what the phone is (base library, language, the restyled variant) reload
 * the page with new query parameters, as relaunching the mini program would; storage and the
 * WeChat user survive that, in localStorage. The network switch acts at once.
 */
import built from 'playground:components';
import pageTemplate from './page.wxml';
import pageStyle from './page.wxss';
import pageJson from './page.json';
import { createPlaygroundWx, queuePick } from './browser-wx';
import { Host } from './host';
import { showEvent, showNetwork, showUser } from './panels';
import { choose, pickImage } from './sheets';
import { TEXTS, type PageLang } from './texts';
import type { PhoneOutcome } from '../../testing/button-events';

interface Settings {
  lib: '3.4.0' | '2.21.1';
  lang: PageLang;
  styled: boolean;
}

interface EmulatorInfo {
  appId: string;
  wechatAppId: string;
}

const OPENID_KEY = 'playground:openid';

function readSettings(query: URLSearchParams): Settings {
  return {
    lib: query.get('lib') === '2.21.1' ? '2.21.1' : '3.4.0',
    lang: query.get('lang') === 'en-US' ? 'en-US' : 'zh-CN',
    styled: query.get('styled') === '1',
  };
}

function relaunch(settings: Settings): void {
  const query = new URLSearchParams({ lib: settings.lib, lang: settings.lang });
  if (settings.styled) query.set('styled', '1');
  location.search = query.toString();
}

function wireSwitches(settings: Settings, setOnline: (online: boolean) => void, reset: () => Promise<void>): void {
  const form = document.getElementById('switches') as HTMLFormElement;
  const lib = form.elements.namedItem('lib') as HTMLSelectElement;
  const lang = form.elements.namedItem('lang') as HTMLSelectElement;
  const online = form.elements.namedItem('online') as HTMLInputElement;
  const styled = form.elements.namedItem('styled') as HTMLInputElement;
  lib.value = settings.lib;
  lang.value = settings.lang;
  styled.checked = settings.styled;
  lib.addEventListener('change', () => relaunch({ ...settings, lib: lib.value === '2.21.1' ? '2.21.1' : '3.4.0' }));
  lang.addEventListener('change', () => relaunch({ ...settings, lang: lang.value === 'en-US' ? 'en-US' : 'zh-CN' }));
  styled.addEventListener('change', () => relaunch({ ...settings, styled: styled.checked }));
  online.addEventListener('change', () => setOnline(online.checked));
  document.getElementById('reset')!.addEventListener('click', () => void reset().then(() => location.reload()));
}

async function main(): Promise<void> {
  const settings = readSettings(new URLSearchParams(location.search));
  document.documentElement.lang = settings.lang;
  const texts = TEXTS[settings.lang];
  const info = (await (await fetch('/__emulator/info')).json()) as EmulatorInfo;

  const { wx, sim } = createPlaygroundWx({
    appid: info.wechatAppId,
    SDKVersion: settings.lib,
    openid: localStorage.getItem(OPENID_KEY) ?? undefined,
    texts,
    onNetwork: (entry) => {
      showNetwork(entry);
      // The first wx.login makes this phone a WeChat user: keep being that user after a reload.
      if (sim.openid) localStorage.setItem(OPENID_KEY, sim.openid);
    },
  });
  (globalThis as unknown as { wx: unknown }).wx = wx;

  const host = new Host();
  for (const component of built.components) {
    host.register({ path: `${component.name}/index`, ...component });
  }
  const authingHost = location.origin;
  host.register({
    path: 'page/index',
    json: pageJson,
    template: pageTemplate,
    style: pageStyle,
    load: () =>
      Component({
        data: { appId: info.appId, host: authingHost, lang: settings.lang, styled: settings.styled },
        methods: {
          onEvent(event: WechatMiniprogram.CustomEvent<WechatMiniprogram.IAnyObject, Record<string, never>, { name?: string }>) {
            showEvent(event.currentTarget.dataset.name ?? '?', event.type, event.detail);
          },
        },
      }),
  });

  const tempImages = new Map<string, string>();
  host.installClientBehaviours(
    async (openType) => {
      if (openType === 'getPhoneNumber') {
        const outcome = await choose<PhoneOutcome>(
          texts.sheets.phone,
          'sheet-phone',
          [
            { value: 'allow', label: texts.sheets.allow },
            { value: 'deny', label: texts.sheets.deny },
            { value: 'quota', label: texts.sheets.quota },
            { value: 'privacy', label: texts.sheets.privacy },
          ],
          'deny',
        );
        return sim.getPhoneNumber(outcome);
      }
      if (openType === 'chooseAvatar') {
        const file = await pickImage(texts.sheets.chooseAvatar, 'sheet-choose-avatar', texts.sheets.cancel);
        if (!file) return undefined; // WeChat fires nothing when the sheet is closed
        await queuePick(sim, file);
        return sim.chooseAvatar('choose');
      }
      const outcome = await choose<'allow' | 'deny'>(
        texts.sheets.userInfo,
        'sheet-user-info',
        [
          { value: 'allow', label: texts.sheets.allow },
          { value: 'deny', label: texts.sheets.deny },
        ],
        'deny',
      );
      return sim.getUserInfo(outcome);
    },
    (src) => {
      const bytes = sim.readTempFile(src);
      if (!bytes) return src;
      let url = tempImages.get(src);
      if (!url) {
        url = URL.createObjectURL(new Blob([new Uint8Array(bytes)]));
        tempImages.set(src, url);
      }
      return url;
    },
  );

  const client = built.core().getClient({ appId: info.appId, host: authingHost });
  showUser(client.getUser());
  client.onAuthStateChange((_event, session) => showUser(session.user));

  wireSwitches(
    settings,
    (online) => sim.setOffline(!online),
    async () => {
      await client.logout().catch(() => undefined);
      wx.clearStorageSync();
      localStorage.removeItem(OPENID_KEY);
    },
  );

  host.render('page/index', document.getElementById('page-placeholder')!);
  document.documentElement.dataset.ready = 'true';
  performance.mark('playground-ready');
}

main().catch((error: unknown) => {
  document.documentElement.dataset.ready = 'error';
  console.error(error);
  document.body.prepend(Object.assign(document.createElement('pre'), { className: 'pg-fatal', textContent: String(error) }));
});
