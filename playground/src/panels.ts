/** The page around the phone: the signed-in user, the events the components emit, the network. */
import type { NetworkEntry } from './browser-wx';

function byId<T extends HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`the page has no #${id}`);
  return element as T;
}

export function showUser(user: unknown): void {
  byId('user').textContent = user ? JSON.stringify(user, null, 2) : '(nobody)';
}

export function showEvent(component: string, type: string, detail: unknown): void {
  const item = document.createElement('li');
  item.className = `pg-event pg-event--${type}`;
  item.dataset.component = component;
  item.dataset.type = type;
  const title = document.createElement('strong');
  title.textContent = `${component} · ${type}`;
  const body = document.createElement('pre');
  body.textContent = JSON.stringify(detail, null, 2);
  item.append(title, body);
  byId('events').prepend(item);
}

const rows = new WeakMap<NetworkEntry, HTMLTableRowElement>();

export function showNetwork(entry: NetworkEntry): void {
  let row = rows.get(entry);
  if (!row) {
    row = document.createElement('tr');
    rows.set(entry, row);
    byId('network').prepend(row);
  }
  const path = new URL(entry.url, location.href).pathname;
  const cells = [entry.api, entry.method, path, entry.outcome === undefined ? '…' : String(entry.outcome)];
  row.replaceChildren(
    ...cells.map((text) => {
      const cell = document.createElement('td');
      cell.textContent = text;
      return cell;
    }),
  );
  row.title = entry.sent === undefined ? '' : `sent: ${JSON.stringify(entry.sent)}`;
  row.dataset.path = path;
  row.dataset.outcome = entry.outcome === undefined ? '' : String(entry.outcome);
}
