// The create request from the form: the parameters set, the pictures chosen (samples as JSON, any file as a
// multipart form), and the session's name and its caption on the wall.
const $ = (id) => document.getElementById(id);

export function params() {
  const p = {
    width: Number($('width').value),
    iterations: Number($('iterations').value),
    init: $('init').value,
    noiseRatio: Number($('noise-ratio').value),
    optimizer: $('optimizer').value,
    seed: Number($('seed').value),
    tvWeight: Number($('tv-weight').value),
    preserveColors: $('preserve-colors').checked,
    styleScale: Number($('style-scale').value),
  };
  const scales = $('scales').value.split(',').map((w) => w.trim()).filter((w) => w).map(Number);
  if (scales.length) { p.scales = scales; delete p.width; }
  if ($('preset').value) {
    // the preset's size and iterations, unless coarse-to-fine widths are typed in
    p.preset = $('preset').value;
    delete p.width;
    delete p.iterations;
  }
  if ($('style-weight').value) p.styleWeight = Number($('style-weight').value);
  if ($('content-weight').value) p.contentWeight = Number($('content-weight').value);
  return p;
}

/** The added sample styles (second, third) chosen. */
export function extraStyles() {
  return ['style2', 'style3'].map((id) => $(id).value).filter((v) => v);
}

/** The create request for {@code chosen} ({content, style}: each {sample} or {file}), as fetch's options. */
export function createRequest(chosen) {
  if (!chosen.content || !chosen.style) throw new Error('pick a content and a style picture');
  for (const kind of ['content', 'style']) if (chosen[kind].problem) throw new Error(chosen[kind].problem);
  const p = params();
  const extra = extraStyles();
  const share = Number($('blend').value);
  const initFile = p.init === 'image' ? $('init-file').files[0] : null;
  if (p.init === 'image' && !initFile) throw new Error('choose the start picture, or start from something else');
  if (chosen.content.sample && chosen.style.sample && !initFile) {
    if (extra.length) p.styleBlend = [1 - share, ...extra.map(() => share / extra.length)];
    return { headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ contentSample: chosen.content.sample, styleSample: chosen.style.sample,
        styleSamples: extra, params: p, listed: $('listed').checked, caption: caption(chosen) }) };
  }
  // a form: the server takes the style samples first, then the uploaded style, and the weights follow that order
  const form = new FormData();
  if (chosen.content.file) form.append('content', chosen.content.file);
  else form.append('contentSample', chosen.content.sample);
  const first = chosen.style.file ? [] : [chosen.style.sample];
  for (const sample of [...first, ...extra]) form.append('styleSample', sample);
  if (chosen.style.file) form.append('style', chosen.style.file);
  if (initFile) form.append('init', initFile);
  if (extra.length) {
    const added = extra.map(() => share / extra.length);
    p.styleBlend = chosen.style.file ? [...added, 1 - share] : [1 - share, ...added];
  }
  form.append('params', JSON.stringify(p));
  form.append('listed', String($('listed').checked));
  form.append('caption', caption(chosen));
  return { body: form };
}

/** "chelsea in the style of starry night": the session's name in "My sessions". */
export function title(chosen) {
  const name = (c) => (c.sample ?? c.file?.name ?? 'a picture').replace(/\.[a-z0-9]+$/i, '').replaceAll('_', ' ');
  const extra = extraStyles().map((id) => id.replaceAll('_', ' '));
  return `${name(chosen.content)} in the style of ${[name(chosen.style), ...extra].join(' and ')}`;
}

/** What the class wall writes under the picture: the student's name, if given, and the pictures' names. */
function caption(chosen) {
  const name = $('student-name').value.trim();
  return (name ? `${name}: ${title(chosen)}` : title(chosen)).slice(0, 80);
}
