import { createWx, NETWORK_ERRNO, OFFLINE_REASON, TIMEOUT_ERRNO, WxFail } from '../../testing';
import type { RequestOptions } from '../../testing/request';
import { APPID, LocalServer, NO_EMULATOR, refusedUrl, startLocalServer } from './local-server';

type Success = Parameters<NonNullable<RequestOptions['success']>>[0];

let server: LocalServer;
beforeEach(async () => {
  server = await startLocalServer();
});
afterEach(() => server.close());

function phone(latencyMs?: number) {
  return createWx({ emulator: NO_EMULATOR, appid: APPID, latencyMs });
}

/** wx.request wrapped the way apps do (it has no promise form). */
function send(wx: ReturnType<typeof phone>['wx'], options: RequestOptions): Promise<Success> {
  return new Promise((resolve, reject) => wx.request({ ...options, success: resolve, fail: reject }));
}

describe('what goes on the wire', () => {
  test('GET turns object data into the query string', async () => {
    const { wx } = phone();
    await send(wx, { url: `${server.url}/users?x=1`, data: { a: 'b c', n: 2, o: { k: 'v' }, skip: undefined } });
    const r = server.received[0];
    expect(r.method).toBe('GET');
    expect(r.url).toBe('/users?x=1&a=b%20c&n=2&o=%7B%22k%22%3A%22v%22%7D');
    expect(r.body.length).toBe(0);
  });

  test('POST sends JSON by default with content-type application/json', async () => {
    const { wx } = phone();
    await send(wx, { url: `${server.url}/login`, method: 'POST', data: { code: 'abc', n: 1 } });
    const r = server.received[0];
    expect(r.headers['content-type']).toBe('application/json');
    expect(JSON.parse(r.body.toString())).toEqual({ code: 'abc', n: 1 });
  });

  test('POST with x-www-form-urlencoded sends a urlencoded body; header name case does not matter', async () => {
    const { wx } = phone();
    await send(wx, {
      url: `${server.url}/form`,
      method: 'POST',
      header: { 'Content-Type': 'application/x-www-form-urlencoded' },
      data: { a: '1&2', b: 'x y' },
    });
    const r = server.received[0];
    expect(r.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(r.body.toString()).toBe('a=1%262&b=x%20y');
  });

  test('string data is sent as is; custom headers arrive; Referer is WeChat’s own', async () => {
    const { wx } = phone();
    await send(wx, {
      url: `${server.url}/raw`,
      method: 'PUT',
      header: { 'x-authing-app-id': 'app1', Referer: 'https://evil.example' },
      data: 'plain text',
    });
    const r = server.received[0];
    expect(r.method).toBe('PUT');
    expect(r.body.toString()).toBe('plain text');
    expect(r.headers['x-authing-app-id']).toBe('app1');
    expect(r.headers.referer).toBe(`https://servicewechat.com/${APPID}/devtools/page-frame.html`);
  });

  test('requests are counted with url and method', async () => {
    const { wx, sim } = phone();
    await send(wx, { url: `${server.url}/a` });
    await send(wx, { url: `${server.url}/b`, method: 'POST' });
    expect(sim.counters.requests).toEqual([
      { url: `${server.url}/a`, method: 'GET', header: {}, data: undefined },
      { url: `${server.url}/b`, method: 'POST', header: {}, data: undefined },
    ]);
  });
});

describe('what the app gets back', () => {
  test('success for any HTTP status, JSON parsed, header keys as sent, cookies listed', async () => {
    const { wx } = phone();
    server.handle((_req, res) => {
      res.writeHead(502, [
        ['X-Request-Id', 'r1'],
        ['Content-Type', 'application/json'],
        ['Set-Cookie', 'a=1; Path=/'],
        ['Set-Cookie', 'b=2'],
      ]);
      res.end('{"code":502,"message":"bad gateway"}');
    });
    const res = await send(wx, { url: `${server.url}/x` });
    expect(res.statusCode).toBe(502);
    expect(res.errMsg).toBe('request:ok');
    expect(res.data).toEqual({ code: 502, message: 'bad gateway' });
    expect(res.header['X-Request-Id']).toBe('r1');
    expect(res.header['x-request-id']).toBeUndefined();
    expect(res.cookies).toEqual(['a=1; Path=/', 'b=2']);
  });

  test('a body that is not JSON comes back as the raw string', async () => {
    const { wx } = phone();
    server.handle((_req, res) => {
      res.writeHead(502, { 'Content-Type': 'text/html' });
      res.end('<html>502 Bad Gateway</html>');
    });
    const res = await send(wx, { url: `${server.url}/x` });
    expect(res.data).toBe('<html>502 Bad Gateway</html>');
  });

  test('dataType other than json leaves the text alone; responseType arraybuffer gives bytes', async () => {
    const { wx } = phone();
    server.handle((_req, res) => res.end('{"a":1}'));
    expect((await send(wx, { url: server.url, dataType: '其他' })).data).toBe('{"a":1}');
    const bin = await send(wx, { url: server.url, responseType: 'arraybuffer' });
    expect(bin.data).toBeInstanceOf(ArrayBuffer);
    expect(Buffer.from(bin.data as ArrayBuffer).toString()).toBe('{"a":1}');
  });

  test('onHeadersReceived fires before success', async () => {
    const { wx } = phone();
    const events: string[] = [];
    await new Promise<void>((resolve) => {
      const task = wx.request({
        url: server.url,
        success: () => events.push('success'),
        complete: () => resolve(),
      });
      task.onHeadersReceived((h) => events.push(`headers ${h.statusCode}`));
    });
    expect(events).toEqual(['headers 200', 'success']);
  });
});

describe('failures', () => {
  test('connection refused fails with request:fail and a network errno, never success', async () => {
    const { wx } = phone();
    const url = await refusedUrl();
    await expect(send(wx, { url })).rejects.toEqual<WxFail>({
      errMsg: 'request:fail net::ERR_CONNECTION_REFUSED',
      errno: NETWORK_ERRNO,
    });
  });

  test('timeout fails with request:fail timeout, errno 5', async () => {
    const { wx } = phone();
    server.handle(() => undefined); // never answers
    const started = Date.now();
    await expect(send(wx, { url: server.url, timeout: 150 })).rejects.toEqual({
      errMsg: 'request:fail timeout',
      errno: TIMEOUT_ERRNO,
    });
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  test('abort fails with request:fail abort and complete still runs', async () => {
    const { wx } = phone();
    server.handle(() => undefined);
    const seen: string[] = [];
    await new Promise<void>((resolve) => {
      const task = wx.request({
        url: server.url,
        success: () => seen.push('success'),
        fail: (e) => seen.push(e.errMsg),
        complete: () => resolve(),
      });
      setTimeout(() => task.abort(), 30);
    });
    expect(seen).toEqual(['request:fail abort']);
  });

  test('offline: every request fails until back online, without reaching the server', async () => {
    const { wx, sim } = phone();
    sim.setOffline(true);
    await expect(send(wx, { url: server.url })).rejects.toEqual({
      errMsg: `request:fail ${OFFLINE_REASON}`,
      errno: NETWORK_ERRNO,
    });
    await expect(send(wx, { url: server.url })).rejects.toMatchObject({ errMsg: expect.stringMatching(/^request:fail /) });
    expect(server.received).toHaveLength(0);
    sim.setOffline(false);
    await expect(send(wx, { url: server.url })).resolves.toMatchObject({ statusCode: 200 });
  });

  test('failNextRequests(n) fails exactly the next n requests', async () => {
    const { wx, sim } = phone();
    sim.failNextRequests(2);
    const results = [];
    for (let i = 0; i < 3; i++) {
      results.push(
        await send(wx, { url: server.url }).then(
          (r) => r.statusCode,
          (e: WxFail) => e.errMsg,
        ),
      );
    }
    expect(results).toEqual([`request:fail ${OFFLINE_REASON}`, `request:fail ${OFFLINE_REASON}`, 200]);
    expect(server.received).toHaveLength(1);
  });

  test('an invalid url fails without a request', async () => {
    const { wx } = phone();
    await expect(send(wx, { url: '/relative/path' })).rejects.toMatchObject({ errMsg: expect.stringMatching(/^request:fail invalid url/) });
  });

  test('no promise form: wx.request returns a task even without callbacks', () => {
    const { wx } = phone();
    const task = wx.request({ url: server.url });
    expect(typeof task.abort).toBe('function');
    expect(task).not.toBeInstanceOf(Promise);
  });

  test('latencyMs delays each exchange', async () => {
    const { wx } = phone(120);
    const started = Date.now();
    await send(wx, { url: server.url });
    expect(Date.now() - started).toBeGreaterThanOrEqual(110);
  });
});
