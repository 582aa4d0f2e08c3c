/**
 * The shape of one HTTP exchange the simulator's wx APIs make, apart from how it is carried:
 * node:http in Node (http-exchange.ts), fetch in the browser playground.
 */

export interface ExchangeRequest {
  url: URL;
  method: string;
  headers: Record<string, string>;
  body?: Buffer;
  timeoutMs: number;
  /** called once, when the status line and headers have arrived */
  onHeaders?: (response: { statusCode: number; header: Record<string, string>; cookies: string[] }) => void;
  /** called after each chunk of the body has been handed to the socket */
  onBodyProgress?: (sent: number, total: number) => void;
}

export interface ExchangeResponse {
  statusCode: number;
  /** header names exactly as received; repeated headers joined with ", " */
  header: Record<string, string>;
  /** each Set-Cookie value */
  cookies: string[];
  body: Buffer;
}

export type ExchangeFailureKind = 'timeout' | 'abort' | 'network';

export class ExchangeFailure extends Error {
  constructor(
    readonly kind: ExchangeFailureKind,
    /** the text after "<api>:fail " */
    readonly reason: string,
  ) {
    super(reason);
  }
}

export interface Exchange {
  response: Promise<ExchangeResponse>;
  abort(): void;
}
