/**
 * WXSS → CSS for glass-easel's DOM backend, which writes a component's class `x` as `<scope>--x`
 * (glass-easel ClassList, `${prefix}--${name}`): every class selector gets the component's scope,
 * `:host` becomes the host element glass-easel marks `wx-host="<scope>"`, and rpx becomes a multiple of `--rpx`
 * (the page sets it from the phone frame's width: 750rpx = the frame). A relative `@import` is
 * inlined first, as WeChat compiles an imported file into the importing component's scope.
 */
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import postcss, { type Root } from 'postcss';
import selectorParser from 'postcss-selector-parser';
import { convertRpx } from './src/rpx';

/** `@import '<relative>.wxss';` replaced by that file's rules, recursively (each file once). */
async function inlineImports(root: Root, file: string, seen: Set<string>): Promise<void> {
  const imports: Array<{ rule: import('postcss').AtRule; path: string }> = [];
  root.walkAtRules('import', (rule) => {
    const path = /^['"]([^'"]+)['"]$/.exec(rule.params.trim())?.[1];
    if (!path) throw new Error(`${file}: @import ${rule.params} is not a quoted relative path`);
    imports.push({ rule, path: resolve(dirname(file), path) });
  });
  for (const { rule, path } of imports) {
    if (seen.has(path)) {
      rule.remove();
      continue;
    }
    seen.add(path);
    const imported = postcss.parse(await readFile(path, 'utf8'), { from: path });
    await inlineImports(imported, path, seen);
    rule.replaceWith(imported.nodes);
  }
}

export async function scopeWxss(source: string, scope: string, file: string): Promise<string> {
  const scopeSelector = selectorParser((selectors) => {
    selectors.walkClasses((node) => {
      node.value = `${scope}--${node.value}`;
    });
    selectors.walkPseudos((node) => {
      if (node.value === ':host' && node.nodes.length === 0) {
        node.replaceWith(
          selectorParser.attribute({ attribute: 'wx-host', operator: '=', value: scope, quoteMark: null, raws: {}, spaces: node.spaces }),
        );
      } else if (node.value === ':host') {
        throw new Error(`${file}: :host(<selector>) is not supported by the playground's WXSS conversion`);
      }
    });
  });
  const plugin = {
    postcssPlugin: 'wxss-to-glass-easel',
    Once(root: Root) {
      root.walkRules((rule) => {
        rule.selector = scopeSelector.processSync(rule.selector);
      });
      root.walkDecls((decl) => {
        decl.value = convertRpx(decl.value);
      });
    },
  };
  const root = postcss.parse(source, { from: file });
  await inlineImports(root, file, new Set([resolve(file)]));
  const result = await postcss([plugin]).process(root, { from: file });
  return result.css;
}
