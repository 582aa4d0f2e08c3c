/**
 * updateAvatar: pick (chooseMedia, or chooseImage on old base libraries, or the chooseAvatar
 * button's temp file), upload as the signed-in user, save the URL as the user's photo.
 */
import { ErrorCodes, USER_KEY, type User } from '../../lib/core';
import { makePng } from '../../testing';
import { emulatorUsers, failureOf, json, recordEvents, startFakeServer, useWorld } from './world';

const world = useWorld();

// SOI, a JFIF APP0 segment, a 1×1 baseline frame header (SOF0), EOI: enough JPEG for the emulator's header check.
const JPEG = Buffer.from('ffd8ffe000104a46494600010100000100010000ffc0000b080001000101011100ffd9', 'hex');

async function signedIn(SDKVersion?: string, options: Parameters<typeof world.core>[0] = {}) {
  const phone = world.phone(SDKVersion ? { SDKVersion } : {});
  const core = world.core(options);
  const user = await core.loginByCode();
  return { ...phone, core, user };
}

async function download(url: string): Promise<{ status: number; body: Buffer }> {
  const response = await fetch(url);
  return { status: response.status, body: Buffer.from(await response.arrayBuffer()) };
}

describe('updateAvatar', () => {
  test('picks with chooseMedia, uploads as the user, and saves the file’s URL as the photo', async () => {
    const { sim, core, user } = await signedIn();
    const picked = makePng(3, 3, [200, 30, 30]);
    sim.setNextPick({ data: picked });
    const events = recordEvents(core);

    const updated = await core.updateAvatar();

    expect(updated.id).toBe(user.id);
    expect(updated.photo).toMatch(new RegExp(`^${world.emulator().url}/files/avatar/`));
    expect(updated.photo).not.toBe(user.photo);
    const file = await download(updated.photo!);
    expect(file.status).toBe(200);
    expect(file.body.equals(picked)).toBe(true);
    expect(core.getUser()?.photo).toBe(updated.photo);
    expect((sim.storage.peek(USER_KEY) as User).photo).toBe(updated.photo);
    expect(core.getToken()).toBe(user.token);
    expect(events).toEqual(['USER_UPDATED']);
    expect(sim.counters.uploads).toHaveLength(1);
    expect(new URL(sim.counters.uploads[0].url).pathname).toBe('/api/v2/upload');
    expect(sim.counters.uploads[0].name).toBe('file');
    const saved = (await emulatorUsers(world.emulator())).find((u) => u.id === user.id);
    expect(saved?.photo).toBe(updated.photo);
  });

  test('the upload and the profile update carry the user’s token (Authing side recorded)', async () => {
    const { sim, user } = await signedIn();
    const cdnUrl = 'https://files.example.com/avatar/me.png';
    const authing = await startFakeServer((req) =>
      req.path === '/api/v2/upload'
        ? json({ code: 200, message: '上传成功', data: { key: 'avatar/me.png', url: cdnUrl } })
        : json({
            data: {
              updateUser: {
                ...user,
                photo: (JSON.parse(req.text) as { variables: { input: { photo: string } } }).variables.input.photo,
                token: null,
              },
            },
          }),
    );
    try {
      const core = world.core({ host: authing.url }); // same phone, same stored session
      sim.setNextPick({ data: makePng() });

      const updated = await core.updateAvatar();

      expect(updated.photo).toBe(cdnUrl);
      expect(authing.received.map((r) => r.path)).toEqual(['/api/v2/upload', '/graphql/v2']);
      expect(authing.received.map((r) => r.headers.authorization)).toEqual([`Bearer ${user.token}`, `Bearer ${user.token}`]);
      expect(authing.received[0].headers['content-type']).toMatch(/^multipart\/form-data/);
      expect(authing.received[0].text).toContain('name="file"');
      expect(core.getToken()).toBe(user.token);
    } finally {
      await authing.close();
    }
  });

  test('closing the picker rejects with CANCELLED, uploads nothing and leaves the photo alone', async () => {
    const { sim, core, user } = await signedIn();
    sim.setNextPick('cancel');
    const events = recordEvents(core);

    const error = await failureOf(core.updateAvatar());

    expect(error.code).toBe(ErrorCodes.CANCELLED);
    expect(error.cancelled).toBe(true);
    expect(sim.counters.uploads).toHaveLength(0);
    expect(core.getUser()?.photo).toBe(user.photo);
    expect(events).toEqual([]);
    const saved = (await emulatorUsers(world.emulator())).find((u) => u.id === user.id);
    expect(saved?.photo).toBe(user.photo);
  });

  test('on base library 2.9.0 (no chooseMedia) it falls back to chooseImage', async () => {
    const { wx, sim, core } = await signedIn('2.9.0');
    expect('chooseMedia' in wx).toBe(false);
    const picked = makePng(4, 4, [10, 10, 250]);
    sim.setNextPick({ data: picked });

    const updated = await core.updateAvatar();

    const file = await download(updated.photo!);
    expect(file.body.equals(picked)).toBe(true);
    expect(core.getUser()?.photo).toBe(updated.photo);
  });

  test('the chooseAvatar button’s temp file is uploaded as given, without opening a picker', async () => {
    const { sim, core } = await signedIn();
    sim.setNextPick({ data: JPEG, ext: 'jpg' });
    const detail = await sim.chooseAvatar('choose');
    expect(detail).toBeDefined();
    sim.setNextPick('cancel'); // a picker opened now would be closed by the user

    const updated = await core.updateAvatar(detail!.avatarUrl);

    expect(sim.counters.uploads.map((u) => u.filePath)).toEqual([detail!.avatarUrl]);
    expect(updated.photo).toMatch(/\.jpg$/);
    const file = await download(updated.photo!);
    expect(file.body.equals(JPEG)).toBe(true);
  });

  test('a double tap is one pick and one upload', async () => {
    const { sim, core } = await signedIn();

    const [a, b] = await Promise.all([core.updateAvatar(), core.updateAvatar()]);

    expect(a.photo).toBe(b.photo);
    expect(sim.counters.uploads).toHaveLength(1);
  });

  test('not signed in: NOT_LOGGED_IN, no picker, no upload', async () => {
    const { sim } = world.phone();
    const core = world.core();
    sim.setNextPick('cancel'); // would turn the error into CANCELLED if a picker opened

    const error = await failureOf(core.updateAvatar());

    expect(error.code).toBe(ErrorCodes.NOT_LOGGED_IN);
    expect(sim.counters.uploads).toHaveLength(0);
  });

  test('a dropped upload rejects with NETWORK_ERROR (not a hang), keeps WeChat’s failure in data, reported once, keeps the old photo', async () => {
    const onError = jest.fn();
    const { sim, core, user } = await signedIn(undefined, { onError });
    sim.failNextRequests(1);

    const error = await failureOf(core.updateAvatar());

    expect(error.code).toBe(ErrorCodes.NETWORK_ERROR);
    expect(error.message).not.toMatch(/undefined/);
    expect(error.message).toMatch(/ERR_INTERNET_DISCONNECTED/);
    expect(error.data).toMatchObject({ errMsg: expect.stringMatching(/^uploadFile:fail .*ERR_INTERNET_DISCONNECTED/) });
    expect(onError).toHaveBeenCalledTimes(1);
    expect(onError).toHaveBeenCalledWith(ErrorCodes.NETWORK_ERROR, error.message, error.data);
    expect(core.getUser()?.photo).toBe(user.photo);
    expect(core.isLoggedIn()).toBe(true);
  });

  test('a temp path WeChat has recycled rejects with WX_API_ERROR naming the cause', async () => {
    const { core } = await signedIn();

    const error = await failureOf(core.updateAvatar('http://tmp/recycled-long-ago.png'));

    expect(error.code).toBe(ErrorCodes.WX_API_ERROR);
    expect(error.message).toMatch(/file not found/);
  });

  test('an upload that gets no answer within `timeout` rejects with TIMEOUT', async () => {
    const { sim, user } = await signedIn();
    const silent = await startFakeServer(); // answers nothing
    try {
      const core = world.core({ host: silent.url, timeout: 300 }); // same phone, same stored session
      sim.setNextPick({ data: makePng() });

      const error = await failureOf(core.updateAvatar());

      expect(error.code).toBe(ErrorCodes.TIMEOUT);
      expect(core.getUser()?.photo).toBe(user.photo);
    } finally {
      await silent.close();
    }
  });

  test('a file the server refuses (not an image) rejects with Authing’s code', async () => {
    const { sim, core, user } = await signedIn();
    sim.setNextPick({ data: Buffer.from('plain text, not an image'), ext: 'png' });

    const error = await failureOf(core.updateAvatar());

    expect(typeof error.code).toBe('number');
    expect(error.message).toEqual(expect.any(String));
    expect(core.getUser()?.photo).toBe(user.photo);
  });
});
