/**
 * WXSS → CSS for glass-easel's DOM backend, which writes a component's class `x` as `<scope>--x`
 * (glass-easel ClassList, `${prefix}--${name}`): every class selector gets the component's scope,
 * `:host` becomes the host element glass-easel marks `wx-host="<scope>"`, and rpx becomes a multiple of `--rpx`
 * (the page sets it from the phone frame's width: 750rpx = the frame).
 */
import postcss, { type Root } from 'postcss';
import selectorParser from 'postcss-selector-parser';
import { convertRpx } from './src/rpx';

export async function scopeWxss(source: string, scope: string, file: string): Promise<string> {
  const scopeSelector = selectorParser((selectors) => {
    selectors.walkClasses((node) => {
      node.value = `${scope}--${node.value}`;
    });
    selectors.walkPseudos((node) => {
      if (node.value === ':host' && node.nodes.length === 0) {
        node.replaceWith(selectorParser.attribute({ attribute: 'wx-host', operator: '=', value: scope, quoteMark: '"', raws: {} }));
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
  const result = await postcss([plugin]).process(source, { from: file });
  return result.css;
}
