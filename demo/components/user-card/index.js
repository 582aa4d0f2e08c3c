/** Who is signed in, as the demo pages show it (see utils/view.js userView). */
Component({
  properties: {
    user: { type: Object, value: null },
    emptyText: { type: String, value: '未登录' },
  },
});
