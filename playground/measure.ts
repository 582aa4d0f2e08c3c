/**
 * How fast the playground page is ready in Chromium: from navigation start to the page's
 * `playground-ready` mark (the components rendered), over several fresh tabs. A figure for the
 * README, never an assertion (timings belong to measurements, not tests).
 *
 *   npx gulp playground && node -r esbuild-register playground/measure.ts
 */
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { launchChromium } from './chromium';
import { PLAYGROUND_DIST, startPlayground } from './server';

const LOADS = 7;

async function main(): Promise<void> {
  const { size } = await stat(join(PLAYGROUND_DIST, 'playground.js'));
  const playground = await startPlayground();
  const chromium = await launchChromium();
  const times: number[] = [];
  try {
    for (let i = 0; i < LOADS; i++) {
      const page = await chromium.context.newPage();
      await page.goto(`${playground.url}/?lang=en-US`);
      await page.waitForSelector('html[data-ready="true"]', { state: 'attached' });
      times.push(await page.evaluate(() => performance.getEntriesByName('playground-ready')[0].startTime));
      await page.close();
    }
  } finally {
    await chromium.close();
    await playground.close();
  }
  const sorted = [...times].sort((a, b) => a - b);
  const ms = (n: number): string => `${Math.round(n)} ms`;
  console.log(`playground.js ${(size / 1024).toFixed(1)} KB min`);
  console.log(
    `ready after navigation: first ${ms(times[0])}, median ${ms(sorted[Math.floor(LOADS / 2)])}, max ${ms(sorted[LOADS - 1])} (${LOADS} loads)`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
