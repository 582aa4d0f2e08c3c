/**
 * Debian's Chromium, driven by playwright-core (Playwright's own browser download cannot reach
 * its CDN here; `.ci/run` installs the `chromium` package when /usr/bin/chromium is missing).
 * Without the background-networking flags Chromium's own connections are refused, many at once.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface RunningChromium {
  context: BrowserContext;
  close(): Promise<void>;
}

/** A fresh Chromium with its own profile folder, removed again on close. */
export async function launchChromium(): Promise<RunningChromium> {
  const profile = await mkdtemp(join(tmpdir(), 'authing-playground-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    args: FLAGS,
    headless: true,
    viewport: { width: 1200, height: 900 },
  });
  const browser: Browser | undefined = context.browser() ?? undefined;
  return {
    context,
    async close() {
      await context.close();
      await browser?.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}
