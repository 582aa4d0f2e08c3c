/**
 * Injected by the build wherever the bundled authing-js-sdk names `URLSearchParams`, which WeChat
 * lacks. authing-js-sdk only does `new URLSearchParams(record).toString()` (OAuth token requests,
 * authorize URLs), so that is all this is: the WHATWG form-urlencoded serializer.
 */
function encodeFormComponent(value: string): string {
  return encodeURIComponent(value)
    .replace(/[!'()~]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase())
    .replace(/%20/g, '+');
}

export class URLSearchParams {
  private readonly pairs: Array<[string, string]> = [];

  constructor(init?: Record<string, unknown>) {
    if (init) for (const key of Object.keys(init)) this.append(key, init[key]);
  }

  append(name: string, value: unknown): void {
    this.pairs.push([name, String(value)]);
  }

  toString(): string {
    return this.pairs.map(([name, value]) => `${encodeFormComponent(name)}=${encodeFormComponent(value)}`).join('&');
  }
}
