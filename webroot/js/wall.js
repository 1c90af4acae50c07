// The class wall: a live canvas for every session its owner put on the wall, with its progress; it follows
// sessions as they start and end (asking the server every two seconds), without a reload.
import { watch } from '/js/live.js';

const tiles = document.getElementById('tiles');
const shown = new Map();   // session id -> { tile, live }

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
  canvas.height = 256;
  canvas.setAttribute('aria-label', 'a picture being painted');
  link.append(canvas);
  const caption = document.createElement('figcaption');
  const bar = document.createElement('progress');
  bar.max = session.iterations;
  bar.value = session.iteration;
  const text = document.createElement('span');
  text.textContent = session.state;
  caption.append(bar, text);
  tile.append(link, caption);
  tiles.append(tile);
  const live = watch(session.id, {
    canvas,
    onProgress: (p) => {
      bar.max = p.iterations;
      bar.value = p.iteration;
      text.textContent = `${p.iteration} / ${p.iterations}`;
    },
    onStatus: (s) => { if (s.state !== 'running') text.textContent = s.state; },
  });
  shown.set(session.id, { tile, live });
}

function remove(id) {
  const { tile, live } = shown.get(id);
  live.close();
  tile.remove();
  shown.delete(id);
}

async function refresh() {
  try {
    const response = await fetch('/api/wall', { cache: 'no-store' });
    if (response.ok) {
      const sessions = await response.json();
      const listed = new Set(sessions.map((s) => s.id));
      for (const id of [...shown.keys()]) if (!listed.has(id)) remove(id);
      for (const s of sessions) if (!shown.has(s.id)) add(s);
      document.getElementById('empty').hidden = shown.size > 0;
    }
  } finally {
    setTimeout(refresh, 2000);
  }
}

refresh();
