/**
 * Puts the simulator together: one phone, one mini program, one WeChat user.
 */
import { asyncApi, AsyncApi, asyncApiOptionalArgs, AsyncApiOptionalArgs } from './async-api';
import {
  ButtonContext,
  ChooseAvatarDetail,
  chooseAvatarDetail,
  getPhoneNumberDetail,
  getUserInfoDetail,
  PhoneNumberDetail,
  PhoneOptions,
  PhoneOutcome,
  UserInfoDetail,
} from './button-events';
import { Counters, createCounters, resetCounters } from './counters';
import { AccountInfo, accountInfo, AppBaseInfo, appBaseInfo, Platform, SystemInfo, systemInfo } from './device-info';
import { createEmulatorControl, EmulatorControl } from './emulator-control';
import { checkSession, CheckSessionOptions, Identity, login, LoginContext, LoginOptions, LoginSuccess } from './login';
import {
  chooseImage,
  ChooseImageOptions,
  ChooseImageSuccess,
  chooseMedia,
  ChooseMediaOptions,
  ChooseMediaSuccess,
  MediaPicker,
  NextPick,
} from './media';
import { NetworkConditions } from './network-conditions';
import { GetRandomValuesOptions, getRandomValues, GetRandomValuesSuccess } from './random-values';
import { NetworkContext, request, RequestOptions, RequestTask } from './request';
import { createStorageApi, SimStorage, StorageApi } from './storage';
import { TempFileStore } from './temp-files';
import {
  createUiApi,
  HideOptions,
  ModalAnswer,
  ShowLoadingOptions,
  ShowModalOptions,
  ShowModalSuccess,
  ShowToastOptions,
  UiRecord,
  UiRecorder,
} from './ui-recorder';
import { uploadFile, UploadOptions, UploadTask } from './upload-file';
import { GetUserProfileOptions, getUserProfile, GetUserProfileSuccess } from './user-profile';
import { canIUse, isAtLeast, MIN_VERSION } from './versions';

export interface CreateWxOptions {
  /** base URL of a running emulator, e.g. http://127.0.0.1:4000 */
  emulator: string;
  /** the emulator's control token, when it was started with one (--control-token) */
  emulatorToken?: string;
  /** the mini program's WeChat appid (wx + 16 hex digits) */
  appid: string;
  /** an existing WeChat user; if absent, the first wx.login creates one and this phone remembers it */
  openid?: string;
  /** base library version; default '3.4.0'. APIs newer than it are absent from wx. */
  SDKVersion?: string;
  /** share one storage between instances to simulate closing and relaunching the app */
  storage?: SimStorage;
  /** what getSystemInfoSync reports; default 'devtools' (matching http://tmp/ temp paths) */
  platform?: Platform;
  /** delay before each network exchange (login, request, upload), in ms; default 0 */
  latencyMs?: number;
}

type Done = { errMsg: string };

/**
 * The `wx` the simulator hands out: the APIs an Authing login SDK and its
 * components use. Members marked optional are absent (undefined) when the
 * configured base library predates them, as on a real phone.
 */
export interface SimWx extends StorageApi {
  login: AsyncApiOptionalArgs<LoginOptions, LoginSuccess>;
  checkSession: AsyncApiOptionalArgs<CheckSessionOptions, Done>;
  request(options: RequestOptions): RequestTask;
  uploadFile(options: UploadOptions): UploadTask;
  chooseImage: AsyncApiOptionalArgs<ChooseImageOptions, ChooseImageSuccess>;
  /** base library 2.10.0+ */
  chooseMedia?: AsyncApiOptionalArgs<ChooseMediaOptions, ChooseMediaSuccess>;
  getSystemInfoSync(): SystemInfo;
  /** base library 2.25.3+ */
  getAppBaseInfo?: () => AppBaseInfo;
  /** base library 2.2.2+ */
  getAccountInfoSync?: () => AccountInfo;
  /** base library 1.1.1+ */
  canIUse?: (schema: string) => boolean;
  /** base library 2.15.0+ */
  getRandomValues?: AsyncApi<GetRandomValuesOptions, GetRandomValuesSuccess>;
  /** base library 2.10.4+; answers the anonymous profile WeChat gives since 2022-10-25 */
  getUserProfile?: AsyncApi<GetUserProfileOptions, GetUserProfileSuccess>;
  showModal: AsyncApiOptionalArgs<ShowModalOptions, ShowModalSuccess>;
  showToast: AsyncApi<ShowToastOptions, Done>;
  showLoading: AsyncApi<ShowLoadingOptions, Done>;
  hideLoading: AsyncApiOptionalArgs<HideOptions, Done>;
  hideToast: AsyncApiOptionalArgs<HideOptions, Done>;
}

/** The test's side of the phone: drive the user, the network, and read what happened. */
export interface Sim {
  readonly appid: string;
  readonly SDKVersion: string;
  readonly platform: Platform;
  /** the WeChat user this phone is logged in as (set by the first wx.login when not given) */
  readonly openid: string | undefined;
  /** this app's storage on this phone (shareable with a later createWx) */
  readonly storage: SimStorage;
  /** wx.login / checkSession / request / upload / storage call counts, live */
  readonly counters: Counters;
  resetCounters(): void;
  /** every showModal/showToast/showLoading/hideLoading/hideToast call, in order, live */
  readonly ui: UiRecord[];
  /** answers every later modal this way (default 'confirm') */
  setModalAnswer(answer: ModalAnswer): void;
  /** answers only the next modal this way */
  answerNextModal(answer: ModalAnswer): void;
  /** no network until setOffline(false): wx.request/uploadFile fail, and so do wx.login and wx.checkSession */
  setOffline(offline: boolean): void;
  /** the next `count` wx.request/wx.uploadFile calls fail as network errors (`request:fail <reason>`) */
  failNextRequests(count: number, reason?: string): void;
  /** what the user does at the next chooseMedia / chooseImage / chooseAvatar: files, or 'cancel' */
  setNextPick(pick: NextPick): void;
  /** registers bytes as a temp file the app may upload; returns its http://tmp/ path */
  addTempFile(data: Buffer, ext?: string): string;
  /** the bytes behind a temp path this phone handed out */
  readTempFile(path: string): Buffer | undefined;
  /** e.detail of `<button open-type="getPhoneNumber">` after the user's choice */
  getPhoneNumber(outcome: PhoneOutcome, opts?: PhoneOptions): Promise<PhoneNumberDetail>;
  /** e.detail of `<button open-type="getUserInfo">` after the user's choice */
  getUserInfo(outcome: 'allow' | 'deny'): Promise<UserInfoDetail>;
  /**
   * e.detail of `<button open-type="chooseAvatar">`; undefined when WeChat fires
   * no event (the user cancelled, or the base library predates 2.21.2).
   */
  chooseAvatar(outcome: 'choose' | 'cancel'): Promise<ChooseAvatarDetail | undefined>;
  /** ends this user's session on WeChat's side: checkSession fails until the next wx.login */
  expireSession(): Promise<void>;
  /** the emulator's WeChat control API, for what the helpers above do not cover */
  readonly emulator: EmulatorControl;
}

export const DEFAULT_SDK_VERSION = '3.4.0';

/**
 * Creates a simulated WeChat client for Node tests.
 *
 * ```ts
 * import { createWx } from 'authing-wxapp-sdk/testing'
 * const { wx, sim } = createWx({ emulator: emu.url, appid: emu.options.wechatAppId })
 * ;(globalThis as any).wx = wx            // what the SDK under test calls
 * const detail = await sim.getPhoneNumber('allow')   // what the button would deliver
 * expect(sim.counters.login).toBe(1)
 * ```
 *
 * `wx` follows WeChat's semantics: callbacks run asynchronously (success or
 * fail, then complete); async APIs called without callbacks return a promise
 * (base library 2.10.2+), except request/uploadFile, which return tasks;
 * sync storage APIs throw on failure; APIs newer than `SDKVersion` are absent.
 * Network calls go over real HTTP (node:http/https, so it works under jsdom too).
 * `sim` is the test's handle on the same phone.
 *
 * Storage outlives the instance only if you pass `storage` (use
 * `createSimStorage()` and hand it to the next createWx to simulate a relaunch);
 * temp files and the login session's remembered openid do not, unless you
 * pass `openid` again.
 */
export function createWx(options: CreateWxOptions): { wx: SimWx; sim: Sim } {
  if (!options || typeof options.emulator !== 'string' || !options.emulator) {
    throw new TypeError('createWx: `emulator` (the emulator base URL) is required');
  }
  if (typeof options.appid !== 'string' || !options.appid) {
    throw new TypeError('createWx: `appid` (the mini program WeChat appid) is required');
  }
  const SDKVersion = options.SDKVersion ?? DEFAULT_SDK_VERSION;
  const platform = options.platform ?? 'devtools';
  const storage = options.storage ?? new SimStorage();
  const counters = createCounters();
  const network = new NetworkConditions(options.latencyMs ?? 0);
  const control = createEmulatorControl(options.emulator, { token: options.emulatorToken });
  const files = new TempFileStore();
  const picker = new MediaPicker(files);
  const ui = new UiRecorder();
  const identity: Identity = { appid: options.appid, openid: options.openid };

  const loginCtx: LoginContext = { identity, control, network, counters, SDKVersion };
  const netCtx: NetworkContext = {
    network,
    counters,
    referer: `https://servicewechat.com/${options.appid}/${platform === 'devtools' ? 'devtools' : '0'}/page-frame.html`,
  };
  const buttons: ButtonContext = {
    appid: options.appid,
    SDKVersion,
    control,
    picker,
    openid: () => identity.openid,
  };
  const has = (minimum: string): boolean => isAtLeast(SDKVersion, minimum);
  const uiApi = createUiApi(ui, SDKVersion);

  const wx: SimWx = {
    ...createStorageApi(storage, counters.storage, SDKVersion),
    login: asyncApiOptionalArgs((o?: LoginOptions) => login(loginCtx, o)),
    checkSession: asyncApiOptionalArgs((o?: CheckSessionOptions) => checkSession(loginCtx, o)),
    request: (o) => request(netCtx, o),
    uploadFile: (o) => uploadFile(netCtx, files, o),
    chooseImage: asyncApiOptionalArgs((o?: ChooseImageOptions) => chooseImage(picker, SDKVersion, o)),
    chooseMedia: has(MIN_VERSION.chooseMedia)
      ? asyncApiOptionalArgs((o?: ChooseMediaOptions) => chooseMedia(picker, SDKVersion, o))
      : undefined,
    getSystemInfoSync: () => systemInfo(SDKVersion, platform),
    getAppBaseInfo: has(MIN_VERSION.getAppBaseInfo) ? () => appBaseInfo(SDKVersion) : undefined,
    getAccountInfoSync: has(MIN_VERSION.getAccountInfoSync) ? () => accountInfo(options.appid) : undefined,
    canIUse: has(MIN_VERSION.canIUse) ? (schema: string) => canIUse(schema, SDKVersion) : undefined,
    getRandomValues: has(MIN_VERSION.getRandomValues) ? asyncApi((o: GetRandomValuesOptions) => getRandomValues(SDKVersion, o)) : undefined,
    getUserProfile: has(MIN_VERSION.getUserProfile) ? asyncApi((o: GetUserProfileOptions) => getUserProfile(SDKVersion, o)) : undefined,
    showModal: asyncApiOptionalArgs((o?: ShowModalOptions) => uiApi.showModal(o)),
    showToast: asyncApi((o: ShowToastOptions) => uiApi.showToast(o)),
    showLoading: asyncApi((o: ShowLoadingOptions) => uiApi.showLoading(o)),
    hideLoading: asyncApiOptionalArgs((o?: HideOptions) => uiApi.hideLoading(o)),
    hideToast: asyncApiOptionalArgs((o?: HideOptions) => uiApi.hideToast(o)),
  };
  // Absent means absent: `'chooseMedia' in wx` must be false on an old base library.
  for (const key of Object.keys(wx) as Array<keyof SimWx>) if (wx[key] === undefined) delete wx[key];

  const sim: Sim = {
    appid: options.appid,
    SDKVersion,
    platform,
    get openid() {
      return identity.openid;
    },
    storage,
    counters,
    resetCounters: () => resetCounters(counters),
    ui: ui.calls,
    setModalAnswer: (a) => ui.setModalAnswer(a),
    answerNextModal: (a) => ui.answerNextModal(a),
    setOffline: (offline) => network.setOffline(offline),
    failNextRequests: (count, reason) => network.failNextRequests(count, reason),
    setNextPick: (pick) => picker.setNextPick(pick),
    addTempFile: (data, ext) => files.add(data, ext),
    readTempFile: (path) => (files.has(path) ? files.read(path)?.data : undefined),
    getPhoneNumber: (outcome, opts) => getPhoneNumberDetail(buttons, outcome, opts),
    getUserInfo: (outcome) => getUserInfoDetail(buttons, outcome),
    chooseAvatar: (outcome) => chooseAvatarDetail(buttons, outcome),
    expireSession: async () => {
      if (!identity.openid) throw new Error('sim.expireSession: no WeChat user on this phone yet');
      await control.expireSession({ appid: options.appid, openid: identity.openid });
    },
    emulator: control,
  };
  return { wx, sim };
}
