/**
 * What the pages show: a user card and one notice for the last success, failure or cancel.
 * Kept apart from the pages so both pages (and the headless walkthrough) read the same text.
 */

function userView(user) {
  if (!user) return null;
  return {
    id: user.id,
    nickname: user.nickname || '',
    phone: user.phone || '',
    photo: user.photo || '',
    openid: user.openid || '',
    loginsCount: typeof user.loginsCount === 'number' ? user.loginsCount : null,
  };
}

let noticeCount = 0;

/** A notice; `id` grows with every notice, so a watcher can tell a new one from an old one. */
function notice(type, title, lines) {
  noticeCount += 1;
  return { id: noticeCount, type, title, lines: (lines || []).filter(Boolean) };
}

function successNotice(title, lines) {
  return notice('success', title, lines);
}

/** e.detail of a component's fail / cancel event: { code, message, data }. */
function failureNotice(kind, action, detail) {
  const d = detail || {};
  if (kind === 'cancel') return notice('cancel', `${action}：已取消`, ['用户取消了授权，这不是错误，组件不会弹出提示。']);
  return notice('fail', `${action}失败`, [`code: ${d.code}`, d.message]);
}

/** Whatever a client call rejected with (AuthingError: code, message). */
function errorNotice(action, error) {
  const e = error || {};
  return failureNotice(e.code === 'CANCELLED' ? 'cancel' : 'fail', action, { code: e.code, message: e.message || String(error) });
}

module.exports = { userView, successNotice, failureNotice, errorNotice };
