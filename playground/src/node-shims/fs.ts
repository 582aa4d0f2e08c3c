/**
 * node:fs for the simulator in the browser: a page has no local files, so a path is never one
 * (the simulator then only reads the temp files the page's pickers registered).
 */
export function existsSync(): boolean {
  return false;
}

function noFiles(): never {
  throw new Error('the browser has no local files: pick one in the sheet instead');
}

export const readFileSync = noFiles;
export const statSync = noFiles;
