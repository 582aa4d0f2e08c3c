/**
 * node:zlib for the simulator in the browser. Only the default picked image (makePng) deflates,
 * and the page's sheets always queue the file the user chose before a picker runs.
 */
export function deflateSync(): never {
  throw new Error('no default image in the browser: the sheet queues the chosen file first');
}
