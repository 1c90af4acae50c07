// The main page: pick or upload pictures, set parameters, start a session and steer it while it paints.
import { watch } from '/js/live.js';
import { progressDisplay } from '/js/progress.js';
import { buildStage } from '/js/stage.js';
import { describeConnection, describeState } from '/js/status.js';
import { remember, showMine } from '/js/mine.js';
import { createRequest, extraStyles, params, title } from '/js/request.js';
import { setMaxUploadBytes, wireUpload } from '/js/upload.js';

const $ = (id) => document.getElementById(id);
const chosen = { content: null, style: null };   // {sample: id} or {file: File}
const stage = buildStage(document.querySelector('[data-stage]'));
const progress = progressDisplay({ bar: stage.bar, text: stage.text, plotCanvas: stage.plot });
let session = null;     // {id, ownerToken, viewUrl} of the session on the page
let status = null;      // its latest status
let connected = false;
let live = null;
let startedAt = 0;

function showError(message) { $('error').textContent = message || ''; }

function preview(kind, url) {
  $(`${kind}-preview`).src = url;
  $(`${kind}-preview`).hidden = false;
}

function choose(kind, value, url) {
  chosen[kind] = value;
  if (value.sample) $(`${kind}-file-status`).textContent = '';
  preview(kind, url);
  for (const b of document.querySelectorAll(`#${kind}-samples button`)) {
    b.setAttribute('aria-pressed', String(value.sample === b.dataset.id));
  }
}

async function loadSamples() {
  const samples = await (await fetch('/api/samples')).json();
  for (const s of samples) {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'thumb';
    button.dataset.id = s.id;
    button.dataset.testid = `sample-${s.kind}-${s.id}`;
    button.setAttribute('aria-pressed', 'false');
    button.setAttribute('aria-label', `${s.kind === 'content' ? 'photo' : 'style'}: ${s.name}`);
    // built as elements, never as HTML: the names and addresses come from the server
    const img = document.createElement('img');
    img.src = s.thumb;
    img.alt = '';
    img.width = 76;
    img.height = 56;
    const name = document.createElement('span');
    name.textContent = s.name;
    button.append(img, name);
    button.onclick = () => choose(s.kind, { sample: s.id }, s.preview);
    $(`${s.kind}-samples`).append(button);
    if (s.kind === 'style') {
      for (const extra of ['style2', 'style3']) {
        const option = document.createElement('option');
        option.value = s.id;
        option.textContent = s.name;
        $(extra).append(option);
      }
    }
  }
  const first = (kind, id) => samples.find((s) => s.kind === kind && s.id === id);
  choose('content', { sample: 'chelsea' }, first('content', 'chelsea').preview);
  choose('style', { sample: 'starry_night' }, first('style', 'starry_night').preview);
}

/** Which controls do something now: by the session's state, and only while connected (or over HTTP for Resume). */
function setControls() {
  const state = status?.state;
  const active = state === 'running' || state === 'paused' || state === 'queued';
  $('controls').hidden = !session;
  $('pause').disabled = !(connected && state === 'running');
  $('resume').disabled = !((connected && state === 'paused') || state === 'resumable');
  $('cancel').disabled = !(connected && active);
  $('start').disabled = active;
  for (const id of ['live-style-weight', 'live-content-weight', 'live-learning-rate']) $(id).disabled = !(connected && active);
  $('timelapse').hidden = state !== 'done';
  $('download').disabled = !(state === 'done' || ((state === 'running' || state === 'paused') && connected));
  if (session) $('timelapse').href = `/api/sessions/${session.id}/timelapse`;
}

function onStatus(s) {
  status = s;
  const seconds = s.state === 'done' && startedAt ? (Date.now() - startedAt) / 1000 : null;
  $('state').textContent = describeState(s, seconds);
  progress.status(s);
  if (s.message && s.state === 'failed') showError(s.message);
  else if (s.message?.startsWith('updated') && sent) {
    $('note').textContent = `${sent}: applied from iteration ${s.iteration}`;
    sent = null;
  }
  setControls();
  if (['done', 'failed', 'cancelled'].includes(s.state)) refreshMine();
}

function onConnection(state, seconds, reason) {
  connected = state === 'open';
  stage.showConnection(describeConnection(state, seconds, reason));
  if (!connected) progress.hold();
  setControls();
}

/** Watches a session on this page: one just started ({@code fresh}) or one of "My sessions". */
function show(entry, fresh) {
  live?.close();
  session = { id: entry.id, ownerToken: entry.token, viewUrl: entry.viewUrl ?? `/view/${entry.id}` };
  status = null;
  connected = false;
  startedAt = fresh ? Date.now() : 0;
  progress.reset();
  $('note').textContent = '';
  $('live').hidden = false;
  $('live').scrollIntoView({ behavior: 'smooth', block: 'start' });
  const share = new URL(session.viewUrl, location.href).href;
  $('share-link').href = share;
  $('share-link').textContent = share;
  setControls();
  showLiveValues(entry.params ?? params());
  live = watch(entry.id, { token: entry.token, canvas: $('canvas'), onProgress: progress.show, onHistory: progress.history, onStatus,
    onError: showError, onConnection });
  $('live').focus({ preventScroll: true });
}

async function start(event) {
  event.preventDefault();
  showError('');
  let init;
  try { init = createRequest(chosen); } catch (e) { showError(e.message); return; }
  $('start').disabled = true;
  let response;
  try {
    response = await fetch('/api/sessions', { method: 'POST', ...init });
  } catch (e) {
    showError('the server does not answer: check the connection and start again');
    $('start').disabled = false;
    return;
  }
  const body = await response.json().catch(() => ({ error: `the server answered ${response.status}` }));
  if (!response.ok) { showError(body.error); $('start').disabled = false; return; }
  const entry = { id: body.id, token: body.ownerToken, viewUrl: body.viewUrl, title: title(chosen), params: params() };
  remember(entry);
  show(entry, true);
  refreshMine();
}

/** Continues a session saved by a server restart, with the owner's token. */
async function resumeSaved(entry) {
  showError('');
  try {
    const response = await fetch(`/api/sessions/${entry.id}/resume`, { method: 'POST',
      headers: { Authorization: `Bearer ${entry.token}` } });
    const body = await response.json().catch(() => ({}));
    if (!response.ok) { showError(body.error ?? `the server answered ${response.status}`); return; }
    if (session?.id !== entry.id) show(entry, false);
    else onStatus(body);
    refreshMine();
  } catch (e) {
    showError('the server does not answer: try again in a moment');
  }
}

async function cancelSaved(entry) {
  await fetch(`/api/sessions/${entry.id}`, { method: 'DELETE', headers: { Authorization: `Bearer ${entry.token}` } })
    .catch(() => showError('the server does not answer: try again in a moment'));
  refreshMine();
}

function refreshMine() {
  showMine($('mine'), $('mine-list'), {
    open: (entry) => show(entry, false),
    resume: resumeSaved,
    cancel: cancelSaved,
  }).catch(() => {});
}

/** What the last live change was, in words, until the server confirms it. */
let sent = null;

function update(key, value, words) {
  if (!live?.send('update', { [key]: value })) {
    showError('not connected: the change was not sent');
    return;
  }
  sent = words;
  $('note').textContent = `${words}: sending…`;
}

$('form').onsubmit = start;
$('pause').onclick = () => live?.send('pause');
$('resume').onclick = () => {
  if (status?.state === 'resumable') resumeSaved({ id: session.id, token: session.ownerToken, viewUrl: session.viewUrl });
  else live?.send('resume');
};
$('cancel').onclick = () => live?.send('cancel');
// the server's picture at full quality, never the canvas: the final PNG once done, before that the picture now
$('download').onclick = async () => {
  try {
    const response = await fetch(`/api/sessions/${session.id}/picture.png`, { cache: 'no-store' });
    if (!response.ok) throw new Error((await response.json().catch(() => ({}))).error ?? `the server answered ${response.status}`);
    const iteration = response.headers.get('X-Iteration');
    const a = document.createElement('a');
    a.href = URL.createObjectURL(await response.blob());
    a.download = iteration ? `stylecast-${session.id}-iteration-${iteration}.png` : `stylecast-${session.id}.png`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
  } catch (e) {
    showError(`the picture could not be downloaded: ${e.message}`);
  }
};
$('live-style-weight').onchange = (e) => update('styleWeight', 10 ** Number(e.target.value),
  `Style strength ${$('live-style-weight-value').textContent}`);
$('live-style-weight').oninput = () => showStrength('style-weight');
$('live-content-weight').onchange = (e) => update('contentWeight', 10 ** Number(e.target.value),
  `Photo strength ${$('live-content-weight-value').textContent}`);
$('live-content-weight').oninput = () => showStrength('content-weight');
$('live-learning-rate').onchange = (e) => update('learningRate', Number(e.target.value), `Step size ${e.target.value}`);
$('live-learning-rate').oninput = (e) => { $('live-learning-rate-value').textContent = e.target.value; };
$('noise-ratio').oninput = (e) => { $('noise-ratio-value').textContent = e.target.value; };
$('blend').oninput = (e) => { $('blend-value').textContent = e.target.value; };
for (const id of ['style2', 'style3']) $(id).onchange = () => { $('blend').disabled = extraStyles().length === 0; };
$('init').onchange = () => { $('init-upload').hidden = $('init').value !== 'image'; };
$('preset').onchange = () => {
  $('width').disabled = Boolean($('preset').value);
  $('iterations').disabled = Boolean($('preset').value);
};
for (const kind of ['content', 'style']) {
  wireUpload(kind, {
    accept: (file) => choose(kind, { file }, URL.createObjectURL(file)),
    // kept, so that Start says it again rather than send what the server would refuse
    refuse: (file, problem) => {
      chosen[kind] = { file, problem };
      $(`${kind}-preview`).hidden = true;
      for (const b of document.querySelectorAll(`#${kind}-samples button`)) b.setAttribute('aria-pressed', 'false');
    },
  });
}
// the network's own defaults, from the server (asked again while it is starting and has none yet)
let defaults = null;
async function loadDefaults() {
  const h = await (await fetch('/api/health')).json();
  const d = h.defaults ?? {};
  if (!d.contentLayers) { setTimeout(loadDefaults, 1000); return; }
  defaults = d;
  const b = h.backend ?? {};
  $('backend').textContent = b.kind === 'cuda'
    ? `Runs on CUDA: ${(b.devices ?? []).map((x) => `${x.name} (${x.memoryMb} MB)`).join(', ')}`
    : `Runs on the CPU: ${b.isa}, ${b.threads} threads`;
  $('model').textContent = `${h.model}: content ${d.contentLayers.join(', ')}; style ${Object.keys(d.styleLayers).join(', ')}`;
  $('style-weight').placeholder = `network default ${d.styleWeight.toExponential()}`;
  $('content-weight').placeholder = `network default ${d.contentWeight.toExponential()}`;
  $('iterations').max = d.maxIterations;
  if (d.maxUploadBytes) setMaxUploadBytes(d.maxUploadBytes);
  showLiveValues(params());
}

/** A strength slider's label: against what the session started with ("as started", "×3.2", "÷10"), not 1e5.5. */
function showStrength(name) {
  const slider = $(`live-${name}`);
  const steps = Number(slider.value) - Number(slider.dataset.start);
  const ratio = 10 ** Math.abs(steps);
  const shown = ratio < 10 ? ratio.toFixed(1) : String(Math.round(ratio));
  $(`live-${name}-value`).textContent = steps === 0 ? 'as started' : `${steps > 0 ? '×' : '÷'}${shown}`;
  slider.setAttribute('aria-valuetext', $(`live-${name}-value`).textContent);
}

/** The live sliders at a session's own weights and learning rate (the network's defaults where it set none). */
function showLiveValues(p) {
  if (!defaults) return;
  const log = (name, value, spread) => {
    const slider = $(`live-${name}`);
    const exponent = Math.round(Math.log10(value) * 2) / 2;
    slider.min = Math.floor(exponent) - spread;
    slider.max = Math.ceil(exponent) + spread;
    slider.value = exponent;
    slider.dataset.start = exponent;
    showStrength(name);
  };
  log('style-weight', p.styleWeight ?? defaults.styleWeight, 4);
  log('content-weight', p.contentWeight ?? defaults.contentWeight, 3);
  const rate = p.learningRate ?? defaults.learningRates[p.optimizer];
  $('live-learning-rate').value = rate;
  $('live-learning-rate-value').textContent = String(rate);
}

loadDefaults().catch((e) => showError(`cannot reach the server: ${e.message}`));
loadSamples().catch((e) => showError(`cannot load the samples: ${e.message}`));
refreshMine();
