import { authingBehavior } from './authing-behavior';

type Options<
  TData extends WechatMiniprogram.Component.DataOption,
  TProperty extends WechatMiniprogram.Component.PropertyOption,
  TMethod extends WechatMiniprogram.Component.MethodOption,
> = WechatMiniprogram.Component.Options<TData, TProperty, TMethod, [typeof authingBehavior]>;

/**
 * A component's fixed-choice properties by name, each with its allowed values (choices.ts; the
 * first is the default). The property itself is declared as usual, in `properties`.
 */
export type Choices = Record<string, readonly string[]>;

/** External classes every component takes, named by the role of what they style. */
export const BASE_EXTERNAL_CLASSES = ['custom-class', 'loading-class', 'disabled-class'];

/** The behavior's methods the generated choice checks call. */
interface ChoiceHost {
  authingChoice(property: string, allowed: readonly string[]): string | null;
  onChoiceChanged(property: string): void;
}

/**
 * The definition WeChat gets, its `choices` turned into checks: when attached and whenever set, an
 * unlisted value is replaced by the default (whose own observer run comes back with a listed one);
 * a listed value set later runs the component's `onChoiceChanged(property)`.
 */
function withChoiceChecks<T extends { choices?: Choices; observers?: object; lifetimes?: { attached?: () => void } }>(definition: T): T {
  const choices = definition.choices || {};
  const names = Object.keys(choices);
  const observers: Record<string, (this: ChoiceHost) => void> = {};
  names.forEach((name) => {
    observers[name] = function () {
      if (this.authingChoice(name, choices[name]) !== null) this.onChoiceChanged(name);
    };
  });
  const ownAttached = definition.lifetimes && definition.lifetimes.attached;
  const attached = function (this: ChoiceHost) {
    names.forEach((name) => this.authingChoice(name, choices[name]));
    if (ownAttached) ownAttached.call(this);
  };
  const checked = Object.assign({}, definition, {
    // The checks come last: a component reacts to a choice in onChoiceChanged, not in an observer of its own.
    observers: Object.assign({}, definition.observers, observers),
    lifetimes: Object.assign({}, definition.lifetimes, { attached }),
  });
  delete checked.choices; // ours, not WeChat's
  return checked;
}

/**
 * `Component()` with what all three share, as Vant's VantComponent does: the Authing behavior,
 * the role-named external classes, named slots, the app's global classes (so `custom-class`
 * can name a class from app.wxss), and the checks of its fixed-choice properties (`choices`).
 */
export function authingComponent<
  TData extends WechatMiniprogram.Component.DataOption,
  TProperty extends WechatMiniprogram.Component.PropertyOption,
  TMethod extends WechatMiniprogram.Component.MethodOption,
>(definition: Options<TData, TProperty, TMethod> & { choices?: Choices }): string {
  // Object.assign rather than spread: at ES2017 spread compiles to helpers in every bundle.
  return Component<TData, TProperty, TMethod, [typeof authingBehavior]>(
    Object.assign({}, withChoiceChecks(definition), {
      behaviors: [authingBehavior],
      externalClasses: BASE_EXTERNAL_CLASSES.concat(definition.externalClasses || []),
      options: { multipleSlots: true, addGlobalClass: true },
    }),
  );
}
