/**
 * The page's `wx`: the Node simulator's own (testing/create-wx.ts, every WeChat rule in one place),
 * carried by fetch to the emulator behind the playground server, with what only a page adds:
 * storage kept in localStorage, WeChat's sheets drawn as dialogs, toasts drawn, and every network
 * call written to the network panel.
 */
import { Buffer } from 'buffer';
import { asyncApi, asyncApiOptionalArgs, deliver, failed, hasCallbacks, ok, type Callbacks, type WxFail } from '../../testing/async-api';
import type { LoginOptions, LoginSuccess } from '../../testing/login';
import type { RequestOptions, RequestSuccess } from '../../testing/request';
import type { UploadOptions, UploadSuccess } from '../../testing/upload-file';
import { createWx, type Sim, type SimWx } from '../../testing/create-wx';
import type { ChooseMediaOptions } from '../../testing/media';
import { SimStorage } from '../../testing/storage';
import type { GetUserProfileOptions, GetUserProfileSuccess } from '../../testing/user-profile';
import { choose, pickImage, toast } from './sheets';
import type { Texts } from './texts';

/** The phone's storage for this mini program, kept across page loads (and base library switches). */
class LocalStorageSim extends SimStorage {
  constructor(private readonly storageKey: string) {
    super();
    const saved = localStorage.getItem(storageKey);
    for (const [key, value] of saved ? (JSON.parse(saved) as Array<[string, unknown]>) : []) super.write(key, value);
  }

  override write(key: string, value: unknown): string | undefined {
    const refused = super.write(key, value);
    if (!refused) this.save();
    return refused;
  }

  override remove(key: string): void {
    super.remove(key);
    this.save();
  }

  override clear(): void {
    super.clear();
    this.save();
  }

  private save(): void {
    localStorage.setItem(this.storageKey, JSON.stringify(this.keys().map((key) => [key, this.peek(key)])));
  }
}

export interface NetworkEntry {
  api: 'wx.request' | 'wx.uploadFile' | 'wx.login';
  method: string;
  url: string;
  /** what was sent: the request's data, the upload's form fields */
  sent?: unknown;
  /** HTTP status, or the fail errMsg */
  outcome?: number | string;
}

export interface PlaygroundWxOptions {
  appid: string;
  SDKVersion: string;
  /** the WeChat user, kept across page loads */
  openid?: string;
  texts: Texts;
  /** called when an entry is added or its outcome arrives */
  onNetwork(entry: NetworkEntry): void;
}

/** Bytes of a picked File, queued as the next pick of the simulator's photo picker. */
export async function queuePick(sim: Sim, file: File | null): Promise<void> {
  if (!file) {
    sim.setNextPick('cancel');
    return;
  }
  const ext = (/\.([a-z0-9]+)$/i.exec(file.name)?.[1] ?? 'png').toLowerCase();
  sim.setNextPick({ data: Buffer.from(await file.arrayBuffer()), ext });
}

/** The same callbacks, each first writing the call's outcome (HTTP status, or fail errMsg) to the panel. */
function recording<S extends { statusCode: number }, O extends Callbacks<S, WxFail>>(
  options: O,
  entry: NetworkEntry,
  onNetwork: (entry: NetworkEntry) => void,
): O {
  onNetwork(entry);
  return {
    ...options,
    success: (res: S) => {
      entry.outcome = res.statusCode;
      onNetwork(entry);
      options.success?.(res);
    },
    fail: (error: WxFail) => {
      entry.outcome = error.errMsg;
      onNetwork(entry);
      options.fail?.(error);
    },
  };
}

function logNetwork(wx: SimWx, onNetwork: (entry: NetworkEntry) => void): void {
  const request = wx.request.bind(wx);
  wx.request = (options) =>
    request(
      recording<RequestSuccess, RequestOptions>(
        options,
        { api: 'wx.request', method: options.method ?? 'GET', url: options.url, sent: options.data },
        onNetwork,
      ),
    );
  const uploadFile = wx.uploadFile.bind(wx);
  wx.uploadFile = (options) =>
    uploadFile(
      recording<UploadSuccess, UploadOptions>(
        options,
        { api: 'wx.uploadFile', method: 'POST', url: options.url, sent: options.formData },
        onNetwork,
      ),
    );
  const login = wx.login as (o?: LoginOptions) => Promise<LoginSuccess> | undefined;
  wx.login = asyncApiOptionalArgs((o?: LoginOptions) => {
    const entry: NetworkEntry = { api: 'wx.login', method: 'POST', url: '/__emulator/wechat/login' };
    onNetwork(entry);
    const settle = (outcome: string): void => {
      entry.outcome = outcome;
      onNetwork(entry);
    };
    if (!hasCallbacks(o)) {
      const promise = login(o);
      promise?.then(
        (res) => settle(res.errMsg),
        (error: { errMsg?: string }) => settle(error.errMsg ?? JSON.stringify(error)),
      );
      return promise;
    }
    return login({
      ...o,
      success: (res) => {
        settle(res.errMsg);
        o?.success?.(res);
      },
      fail: (error) => {
        settle(error.errMsg);
        o?.fail?.(error);
      },
    });
  });
}

export function createPlaygroundWx(options: PlaygroundWxOptions): { wx: SimWx; sim: Sim } {
  const { texts } = options;
  const { wx, sim } = createWx({
    emulator: location.origin,
    appid: options.appid,
    openid: options.openid,
    SDKVersion: options.SDKVersion,
    storage: new LocalStorageSim(`playground:storage:${options.appid}`),
  });
  logNetwork(wx, (entry) => options.onNetwork(entry));

  const chooseMedia = wx.chooseMedia?.bind(wx);
  if (chooseMedia) {
    // The real file picker answers first; the simulator's chooseMedia then hands out the file.
    wx.chooseMedia = ((o?: ChooseMediaOptions) =>
      pickImage(texts.sheets.chooseMedia, 'sheet-choose-media', texts.sheets.cancel)
        .then((file) => queuePick(sim, file))
        .then(() => (chooseMedia as (options?: ChooseMediaOptions) => Promise<unknown> | undefined)(o))) as typeof chooseMedia;
  }

  const getUserProfile = wx.getUserProfile?.bind(wx);
  if (getUserProfile) {
    // WeChat asks in the tap; "deny" is its errMsg for a refused profile (getUserProfile docs).
    wx.getUserProfile = asyncApi((o: GetUserProfileOptions) =>
      deliver<GetUserProfileSuccess>(options.SDKVersion, o, async () => {
        const answer = await choose(
          texts.sheets.profile,
          'sheet-profile',
          [
            { value: 'allow', label: texts.sheets.allow },
            { value: 'deny', label: texts.sheets.deny },
          ],
          'deny',
        );
        if (answer === 'deny') return failed({ errMsg: 'getUserProfile:fail auth deny' });
        return ok(await (getUserProfile({ desc: o.desc, lang: o.lang }) as Promise<GetUserProfileSuccess>));
      }),
    );
  }

  const showToast = wx.showToast;
  wx.showToast = ((o: Parameters<typeof showToast>[0]) => {
    toast(o.title);
    return showToast(o);
  }) as typeof showToast;

  return { wx, sim };
}
