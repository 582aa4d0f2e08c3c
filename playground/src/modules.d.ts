/** What the playground build makes of the mini-program files it bundles (build.ts). */
declare module '*.wxml' {
  const template: import('glass-easel').template.ComponentTemplate;
  export = template;
}

declare module '*.wxss' {
  const style: { scope: string; css: string };
  export = style;
}

declare module 'playground:components' {
  const built: {
    components: Array<{
      name: string;
      json: Record<string, unknown>;
      template: import('glass-easel').template.ComponentTemplate;
      style: { scope: string; css: string };
      load(): unknown;
    }>;
    core(): typeof import('../../lib/core');
  };
  export = built;
}
