import { authingBehavior } from './authing-behavior';

type Options<
  TData extends WechatMiniprogram.Component.DataOption,
  TProperty extends WechatMiniprogram.Component.PropertyOption,
  TMethod extends WechatMiniprogram.Component.MethodOption,
> = WechatMiniprogram.Component.Options<TData, TProperty, TMethod, [typeof authingBehavior]>;

/** External classes every component takes, named by the role of what they style. */
export const BASE_EXTERNAL_CLASSES = ['custom-class', 'loading-class', 'disabled-class'];

/**
 * `Component()` with what all three share, as Vant's VantComponent does: the Authing behavior,
 * the role-named external classes, named slots, and the app's global classes (so `custom-class`
 * can name a class from app.wxss).
 */
export function authingComponent<
  TData extends WechatMiniprogram.Component.DataOption,
  TProperty extends WechatMiniprogram.Component.PropertyOption,
  TMethod extends WechatMiniprogram.Component.MethodOption,
>(definition: Options<TData, TProperty, TMethod>): string {
  // Object.assign rather than spread: at ES2017 spread compiles to helpers in every bundle.
  return Component<TData, TProperty, TMethod, [typeof authingBehavior]>(
    Object.assign({}, definition, {
      behaviors: [authingBehavior],
      externalClasses: BASE_EXTERNAL_CLASSES.concat(definition.externalClasses || []),
      options: { multipleSlots: true, addGlobalClass: true },
    }),
  );
}
