/**
 * The class and texts every template binds, computed here once instead of as expressions repeated
 * across the three WXML files. Plain data rather than a WXS module: an external .wxs file does not
 * load in miniprogram-simulate, and an inline <wxs> would be copied into each template.
 */

/** A component's own words: its label, the label while busy, and what screen readers hear if not the label. */
export interface OwnTexts {
  idle: string;
  busy: string;
  aria?: string;
}

/** What the templates bind: `class="… {{state}}"`, `{{label}}`, `aria-label="{{aria}}"`. */
export interface View {
  /** State modifiers, each with the external class of that role (disabled-class, loading-class). */
  state: string;
  label: string;
  aria: string;
}

export interface ViewInput {
  disabled: boolean;
  loading: boolean;
  /** The `text` property: replaces the default label. */
  text: string;
  /** The `aria-label` property: replaces what screen readers hear. */
  ariaLabel: string;
}

export function viewOf(input: ViewInput, own: OwnTexts): View {
  const state = [input.disabled ? 'authing--disabled disabled-class' : '', input.loading ? 'authing--loading loading-class' : ''];
  return {
    state: state.join(' ').trim(),
    label: input.loading ? own.busy : input.text || own.idle,
    aria: input.ariaLabel || input.text || own.aria || own.idle,
  };
}
