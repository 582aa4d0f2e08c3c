/**
 * The phone's network as a test controls it: offline until told otherwise,
 * the next N requests failing, and a fixed latency before each exchange.
 */

/** Chromium's name for "no network", which WeChat's clients put in errMsg. */
export const OFFLINE_REASON = 'net::ERR_INTERNET_DISCONNECTED';
/**
 * errno WeChat attaches to network-layer failures of wx.request/uploadFile
 * (the 600xxx "网络" family of developers.weixin.qq.com …/PublicErrno.html).
 */
export const NETWORK_ERRNO = 600001;

export class NetworkConditions {
  private offline = false;
  private failuresLeft = 0;
  private failureReason = OFFLINE_REASON;

  constructor(readonly latencyMs = 0) {}

  setOffline(offline: boolean): void {
    this.offline = offline;
  }

  isOffline(): boolean {
    return this.offline;
  }

  /** The next `count` wx.request/wx.uploadFile calls fail as if the network dropped. */
  failNextRequests(count: number, reason = OFFLINE_REASON): void {
    this.failuresLeft = count;
    this.failureReason = reason;
  }

  /** Consumes one injected failure for a request; returns its reason or undefined. */
  takeRequestFailure(): string | undefined {
    if (this.offline) return OFFLINE_REASON;
    if (this.failuresLeft > 0) {
      this.failuresLeft--;
      return this.failureReason;
    }
    return undefined;
  }

  /** Failure reason for APIs that need the network but are not requests (wx.login). */
  connectivityFailure(): string | undefined {
    return this.offline ? OFFLINE_REASON : undefined;
  }

  reset(): void {
    this.offline = false;
    this.failuresLeft = 0;
  }

  delay(): Promise<void> {
    if (this.latencyMs <= 0) return Promise.resolve();
    return new Promise((resolve) => setTimeout(resolve, this.latencyMs));
  }
}
