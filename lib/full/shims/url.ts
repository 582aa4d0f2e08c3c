/**
 * Injected by the build wherever the bundled authing-js-sdk names `URL`, which WeChat lacks.
 * authing-js-sdk reads only `protocol` and `hostname` (loginByAd's AD host, the `domain` option),
 * so this parses an absolute http(s) URL into those and little else.
 */
export class URL {
  readonly href: string;
  readonly protocol: string;
  readonly hostname: string;
  readonly port: string;
  readonly host: string;
  readonly origin: string;

  constructor(url: string) {
    const match = /^([a-z][a-z0-9+.-]*:)\/\/(?:[^@/?#]*@)?(\[[^\]]*\]|[^:/?#]*)(?::(\d*))?/i.exec(String(url));
    if (!match || !match[2]) throw new TypeError(`Invalid URL: ${String(url)}`);
    this.href = String(url);
    this.protocol = match[1].toLowerCase();
    this.hostname = match[2].toLowerCase();
    this.port = match[3] || '';
    this.host = this.port ? `${this.hostname}:${this.port}` : this.hostname;
    this.origin = `${this.protocol}//${this.host}`;
  }

  toString(): string {
    return this.href;
  }
}
