/**
 * Modal, toast and loading calls, recorded in order so a test can assert what
 * the user was shown, with the modal answered as the test decides.
 */
import { Callbacks, deliver, ok, WxFail } from './async-api';

export type UiApi = 'showModal' | 'showToast' | 'showLoading' | 'hideLoading' | 'hideToast';

export interface UiRecord {
  api: UiApi;
  /** the options the app passed, minus its callbacks */
  options: Record<string, unknown>;
}

/** How the user answers a modal: a button, or (for editable modals) text and confirm. */
export type ModalAnswer = 'confirm' | 'cancel' | { confirm: boolean; content?: string };

export type ShowModalSuccess = Pick<WechatMiniprogram.ShowModalSuccessCallbackResult, 'confirm' | 'cancel' | 'content' | 'errMsg'>;
export type ShowModalOptions = Omit<WechatMiniprogram.ShowModalOption, 'success' | 'fail' | 'complete'> &
  Callbacks<ShowModalSuccess, WxFail>;
export type ShowToastOptions = Omit<WechatMiniprogram.ShowToastOption, 'success' | 'fail' | 'complete'> &
  Callbacks<{ errMsg: string }, WxFail>;
export type ShowLoadingOptions = Omit<WechatMiniprogram.ShowLoadingOption, 'success' | 'fail' | 'complete'> &
  Callbacks<{ errMsg: string }, WxFail>;
export type HideOptions = Callbacks<{ errMsg: string }, WxFail> & { noConflict?: boolean };

export class UiRecorder {
  /** every UI call, in call order */
  readonly calls: UiRecord[] = [];
  private defaultAnswer: ModalAnswer = 'confirm';
  private readonly answers: ModalAnswer[] = [];

  /** Answers every later modal this way (default: confirm). */
  setModalAnswer(answer: ModalAnswer): void {
    this.defaultAnswer = answer;
  }

  /** Answers only the next modal this way; queued answers are used before the default. */
  answerNextModal(answer: ModalAnswer): void {
    this.answers.push(answer);
  }

  record(api: UiApi, options: object | undefined): void {
    const copy: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(options ?? {})) if (typeof v !== 'function') copy[k] = v;
    this.calls.push({ api, options: copy });
  }

  nextModalResult(): ShowModalSuccess {
    const a = this.answers.shift() ?? this.defaultAnswer;
    const confirm = a === 'confirm' || (typeof a === 'object' && a.confirm);
    return {
      confirm,
      cancel: !confirm,
      content: typeof a === 'object' && a.content !== undefined ? a.content : '',
      errMsg: 'showModal:ok',
    };
  }

  /** The calls to one API, for short assertions. */
  of(api: UiApi): UiRecord[] {
    return this.calls.filter((c) => c.api === api);
  }

  clear(): void {
    this.calls.length = 0;
  }
}

export function createUiApi(ui: UiRecorder, SDKVersion: string) {
  const simple = (api: UiApi) => (options?: Callbacks<{ errMsg: string }, WxFail> & object) => {
    ui.record(api, options);
    return deliver(SDKVersion, options, async () => ok({ errMsg: `${api}:ok` }));
  };
  return {
    showModal(options: ShowModalOptions = {}) {
      ui.record('showModal', options);
      return deliver(SDKVersion, options, async () => ok(ui.nextModalResult()));
    },
    showToast: simple('showToast') as (options: ShowToastOptions) => Promise<{ errMsg: string }> | undefined,
    showLoading: simple('showLoading') as (options: ShowLoadingOptions) => Promise<{ errMsg: string }> | undefined,
    hideLoading: simple('hideLoading') as (options?: HideOptions) => Promise<{ errMsg: string }> | undefined,
    hideToast: simple('hideToast') as (options?: HideOptions) => Promise<{ errMsg: string }> | undefined,
  };
}
