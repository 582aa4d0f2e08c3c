import { AuthingError, ErrorCodes, fromWxFailure, isWxCancel, type AuthCore, type PhoneInfo, type User } from '../../lib/core';
import { PHONE_MODES, authingComponent, exchangeHeldCode, supportsPhoneNumberCode, type PhoneMode, type Texts } from '../common';

/** `e.detail` of `bind:getphonenumber`, as WeChat delivers it on every base library. */
interface PhoneNumberDetail {
  errMsg?: string;
  errno?: number;
  /** Base library 2.21.2+: exchanged server-side, no encryptedData involved. */
  code?: string;
  iv?: string;
  encryptedData?: string;
}

const PHONE_QUOTA_ERRNO = 1400001;
const PRIVACY_ERRNO = 104;

/** The user's refusal and WeChat's own refusals, as the error each flow reports. */
function refusalOf(detail: PhoneNumberDetail): AuthingError | null {
  const errMsg = detail.errMsg ?? '';
  if (/:ok$/.test(errMsg)) return null;
  if (isWxCancel(errMsg)) return fromWxFailure('getPhoneNumber', detail);
  if (detail.errno === PHONE_QUOTA_ERRNO || /no quota/.test(errMsg)) {
    return new AuthingError(ErrorCodes.PHONE_QUOTA_EXHAUSTED, '手机号验证额度已用完（errno 1400001）', detail);
  }
  if (detail.errno === PRIVACY_ERRNO || /privacy/.test(errMsg)) {
    return new AuthingError(ErrorCodes.PRIVACY_NOT_AUTHORIZED, '用户未同意小程序的隐私保护指引（errno 104）', detail);
  }
  if (/no permission/.test(errMsg)) {
    return new AuthingError(ErrorCodes.NO_PERMISSION, '小程序没有获取手机号的权限（需完成微信认证）', detail);
  }
  return new AuthingError(ErrorCodes.WX_API_ERROR, `getPhoneNumber 失败: ${errMsg || 'unknown'}`, detail);
}

authingComponent({
  externalClasses: ['label-class'],
  /** Checked when attached and whenever set (onChoiceChanged reacts). */
  choices: { mode: PHONE_MODES },
  properties: {
    /** PhoneMode: 'login' signs in (or up) with the phone; 'phone' only reads the number, signing no one in. */
    mode: { type: String, value: 'login' as PhoneMode },
    /** WeChat's own "quota used up" notice (button attribute of the same name). */
    phoneNumberNoQuotaToast: { type: Boolean, value: true },
  },
  methods: {
    /** `mode` changed: another label, and onClientReady again (whether a code is held depends on it). */
    onChoiceChanged() {
      this.authingView();
      this.authingReconnect();
    },

    ownTexts(t: Texts) {
      return { idle: this.data.mode === 'phone' ? t.phone.phone : t.phone.login, busy: t.phone.loading };
    },

    onClientReady(client: AuthCore) {
      const hasPhoneCode = supportsPhoneNumberCode();
      // The v3 phone flows name the app's WeChat identity source: look it up now, not after the tap.
      if (hasPhoneCode) client.prefetchConnection().catch(() => undefined); // reported to onError; the tap retries
      // Only the legacy exchange needs a code from before the tap; holding one also saves a round trip on 2.21.2+.
      return this.data.mode === 'phone' && hasPhoneCode ? undefined : client.codes.keepFresh();
    },

    onPageShow(client: AuthCore) {
      client.codes.refreshIfStale();
    },

    onGetPhoneNumber(event: WechatMiniprogram.CustomEvent<PhoneNumberDetail>) {
      if (this.authingBusy()) return;
      const detail = event.detail || {};
      const refusal = refusalOf(detail);
      if (refusal) {
        // With phone-number-no-quota-toast on, WeChat has already told the user.
        const toast = !(this.data.phoneNumberNoQuotaToast && refusal.code === ErrorCodes.PHONE_QUOTA_EXHAUSTED);
        this.authingFail(refusal, { toast });
        return;
      }
      const phoneOnly = this.data.mode === 'phone';
      void this.authingRun(async (client) => {
        if (detail.code) {
          if (phoneOnly) return client.getPhoneByCode(detail.code);
          // v3 signin-by-mobile. The core takes the held code, or runs wx.login now: harmless here, the phone code
          // carries no encrypted data.
          return client.loginByPhoneCode(detail.code);
        }
        if (!detail.iv || !detail.encryptedData) {
          throw new AuthingError(ErrorCodes.WX_API_ERROR, 'getPhoneNumber 没有返回 code 或 encryptedData', detail);
        }
        const { iv, encryptedData } = detail;
        return exchangeHeldCode<User | PhoneInfo>(client, (code) =>
          phoneOnly ? client.getPhone(code, iv, encryptedData) : client.loginByPhone(code, iv, encryptedData),
        );
      });
    },
  },
});
