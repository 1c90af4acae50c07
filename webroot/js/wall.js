// The class wall: every session its owner put on the wall, live while it paints and kept when it is done (for as
// long as the server keeps finished sessions), in a grid sized to how many there are so that the pictures fill the
// screen. It asks the server for the list every few seconds; a server that does not answer is said so at once and
// asked again, and the tiles come back as they were.
import { watch } from '/js/live.js';
import { describeState } from '/js/status.js';

const tiles = document.getElementById('tiles');
const banner = document.getElementById('connection');
const shown = new Map();   // session id -> { tile, live, text, bar }
const POLL_MS = 3000;
const CLEARED = 'stylecast.wall.cleared';
// the finished paintings this screen was cleared of (the teacher's "Clear"): this screen's own, kept across reloads
const cleared = new Set(JSON.parse(localStorage.getItem(CLEARED) ?? '[]'));
const clear = document.getElementById('clear');

function caption(session) {
  return session.caption || `Painting ${[...shown.keys()].length + 1}`;
}

function add(session) {
  const tile = document.createElement('figure');
  tile.className = 'tile';
  tile.dataset.session = session.id;
  tile.dataset.testid = 'wall-tile';
  const link = document.createElement('a');
  link.href = session.viewUrl;
  link.target = '_blank';
  const canvas = document.createElement('canvas');
  canvas.width = 256;
  canvas.height = 192;
  const name = caption(session);
  canvas.setAttribute('aria-label', name);
  link.append(canvas);
  const figcaption = document.createElement('figcaption');
  const title = document.createElement('span');
  title.className = 'name';
  title.textContent = name;
  const bar = document.createElement('progress');
  bar.max = Math.max(1, session.iterations);
  bar.value = session.iteration;
  bar.setAttribute('aria-label', `${name}: iterations done`);
  const text = document.createElement('span');
  text.className = 'state';
  text.dataset.testid = 'wall-state';
  text.textContent = describeState(session);
  figcaption.append(title, bar, text);
  tile.append(link, figcaption);
  tiles.append(tile);
  const entry = { id: session.id, tile, canvas, text, bar, live: null };
  shown.set(session.id, entry);
  if (session.state === 'done') {
    showState(entry, session);
  } else {
    entry.live = watch(session.id, {
      canvas,
      onProgress: (p) => {
        bar.max = p.iterations;
        bar.value = p.iteration;
        text.textContent = `${p.iteration} / ${p.iterations}`;
      },
      onStatus: (s) => showState(entry, s),
    });
  }
  layout();
}

function showState(entry, s) {
  const { tile, text, bar } = entry;
  tile.dataset.state = s.state;
  if (s.state !== 'running') text.textContent = describeState(s);
  if (s.state === 'done') {
    bar.value = bar.max;
    // a finished painting needs no socket: its picture, once, from the server
    entry.live?.close();
    entry.live = null;
    const picture = new Image();
    picture.onload = () => {
      entry.canvas.width = picture.naturalWidth;
      entry.canvas.height = picture.naturalHeight;
      entry.canvas.getContext('2d').drawImage(picture, 0, 0);
    };
    picture.src = `/api/sessions/${entry.id}/image`;
  }
}

function remove(id) {
  const { tile, live } = shown.get(id);
  live?.close();
  tile.remove();
  shown.delete(id);
  layout();
}

/** The number of columns that gives each picture the most room on this screen, and that room. */
function layout() {
  const count = Math.max(1, shown.size);
  const gap = 12;
  const width = tiles.clientWidth;
  const height = window.innerHeight - tiles.getBoundingClientRect().top - 12;
  const captionHeight = (tiles.querySelector('figcaption')?.offsetHeight ?? 64) + 16;
  let best = { columns: 1, picture: 0 };
  for (let columns = 1; columns <= count; columns++) {
    const rows = Math.ceil(count / columns);
    const tileWidth = (width - (columns - 1) * gap) / columns;
    const picture = Math.min(tileWidth * 0.75, (height - (rows - 1) * gap) / rows - captionHeight);
    if (picture > best.picture) best = { columns, picture };
  }
  tiles.style.gridTemplateColumns = `repeat(${best.columns}, minmax(0, 1fr))`;
  tiles.style.setProperty('--picture-height', `${Math.max(80, Math.floor(best.picture))}px`);
}

async function refresh() {
  try {
    const response = await fetch('/api/wall', { cache: 'no-store' });
    if (!response.ok) throw new Error(`the server answered ${response.status}`);
    const sessions = await response.json();
    banner.hidden = true;
    const listed = new Set(sessions.map((s) => s.id));
    for (const s of sessions) if (s.state !== 'done') cleared.delete(s.id);
    for (const id of [...shown.keys()]) if (!listed.has(id) || cleared.has(id)) remove(id);
    for (const s of sessions) if (!shown.has(s.id) && !cleared.has(s.id)) add(s);
    clear.hidden = ![...shown.values()].some((e) => e.tile.dataset.state === 'done');
    document.getElementById('empty').hidden = shown.size > 0;
  } catch (e) {
    banner.textContent = 'Connection lost, reconnecting…';
    banner.hidden = false;
  } finally {
    setTimeout(refresh, POLL_MS);
  }
}

clear.onclick = () => {
  for (const [id, entry] of [...shown]) {
    if (entry.tile.dataset.state === 'done') {
      cleared.add(id);
      remove(id);
    }
  }
  localStorage.setItem(CLEARED, JSON.stringify([...cleared].slice(-500)));
  clear.hidden = true;
  document.getElementById('empty').hidden = shown.size > 0;
};

window.addEventListener('resize', layout);
refresh();
