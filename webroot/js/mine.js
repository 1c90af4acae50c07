// The sessions this browser started, kept in localStorage with their owner tokens (a reload or a server restart
// forgets nothing), and the "My sessions" list: each one's state from the server, with what can be done with it.
import { describeState } from '/js/status.js';

const KEY = 'stylecast.sessions';
const KEEP = 20;

export function remembered() {
  try {
    const list = JSON.parse(localStorage.getItem(KEY) ?? '[]');
    return Array.isArray(list) ? list.filter((s) => s && typeof s.id === 'string' && typeof s.token === 'string') : [];
  } catch {
    return [];
  }
}

function store(list) {
  try { localStorage.setItem(KEY, JSON.stringify(list.slice(0, KEEP))); } catch { /* private mode: this page only */ }
}

export function remember(session) {
  store([session, ...remembered().filter((s) => s.id !== session.id)]);
}

export function forget(id) {
  store(remembered().filter((s) => s.id !== id));
}

/**
 * Fills {@code list} (a <ul>) with the remembered sessions and their states; sessions the server no longer knows
 * are forgotten. {@code actions.open(entry, status)} watches one on the page, {@code actions.resume} and
 * {@code actions.cancel} steer it.
 */
export async function showMine(section, list, actions) {
  const entries = remembered();
  const rows = await Promise.all(entries.map(async (entry) => {
    try {
      const response = await fetch(`/api/sessions/${entry.id}`, { cache: 'no-store' });
      if (response.status === 404) { forget(entry.id); return null; }
      return response.ok ? { entry, status: await response.json() } : { entry, status: null };
    } catch {
      return { entry, status: null };
    }
  }));
  list.replaceChildren();
  for (const row of rows.filter(Boolean)) {
    const { entry, status } = row;
    const item = document.createElement('li');
    item.dataset.session = entry.id;
    item.dataset.testid = 'my-session';
    const title = document.createElement('span');
    title.className = 'title';
    title.textContent = entry.title || 'a painting';
    const state = document.createElement('span');
    state.className = 'state';
    state.textContent = status ? describeState(status) : 'the server does not answer';
    item.append(title, state);
    const button = (label, testid, onclick) => {
      const b = document.createElement('button');
      b.type = 'button';
      b.textContent = label;
      b.dataset.testid = testid;
      b.onclick = onclick;
      item.append(b);
    };
    if (status) {
      button('Show', 'my-session-open', () => actions.open(entry, status));
      if (status.state === 'resumable') button('Resume', 'my-session-resume', () => actions.resume(entry));
      if (['queued', 'running', 'paused'].includes(status.state)) button('Cancel', 'my-session-cancel', () => actions.cancel(entry));
    }
    list.append(item);
  }
  section.hidden = list.children.length === 0;
}
