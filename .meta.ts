import { build } from 'esbuild';
import path from 'node:path';
(async () => {
  const r = await build({ bundle: true, format: 'esm', platform: 'neutral', target: 'es2017', minify: true, write: false, metafile: true, charset:'utf8', legalComments:'none',
    entryPoints: [path.resolve(process.argv[2])], outfile: '/tmp/x.js', define: { __SDK_VERSION__: '"1"' } });
  const out = Object.values(r.metafile!.outputs)[0];
  const rows = Object.entries(out.inputs).map(([f, i]) => [i.bytesInOutput, f] as const).sort((a, b) => b[0] - a[0]);
  let t = 0; for (const [b, f] of rows) { t += b; console.log(String(b).padStart(6), f); }
  console.log('total', t, r.outputFiles[0].contents.length);
})();
