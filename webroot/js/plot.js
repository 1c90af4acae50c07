// A live plot of the losses per iteration on a canvas, log scale, no library: the loss terms (total, content,
// style), or each style layer's own loss E_l (which layers settle first).
const TERMS = [
  { key: 'totalLoss', label: 'total', color: '#f5f5f5' },
  { key: 'contentLoss', label: 'content', color: '#4fc3f7' },
  { key: 'styleLoss', label: 'style', color: '#ffb74d' },
];
const PALETTE = ['#e57373', '#ffb74d', '#fff176', '#81c784', '#4dd0e1', '#64b5f6', '#9575cd', '#f06292', '#a1887f',
  '#e0e0e0'];

export class LossPlot {
  constructor(canvas) {
    this.canvas = canvas;
    this.points = [];
    this.pending = false;
    this.mode = 'terms';
  }

  reset() {
    this.points = [];
    this.schedule();
  }

  /** The run so far from the server, then what arrived meanwhile and is newer. */
  history(points) {
    const last = points.length ? points[points.length - 1].iteration : -1;
    this.points = [...points, ...this.points.filter((p) => p.iteration > last)];
    this.schedule();
  }

  add(progress) {
    this.points.push(progress);
    this.schedule();
  }

  /** 'terms' or 'layers'. */
  setMode(mode) {
    this.mode = mode;
    this.schedule();
  }

  schedule() {
    if (this.pending) return;
    this.pending = true;
    requestAnimationFrame(() => { this.pending = false; this.draw(); });
  }

  series() {
    if (this.mode === 'terms') return TERMS.map((s) => ({ ...s, value: (p) => p[s.key] }));
    const last = this.points[this.points.length - 1];
    return Object.keys(last?.styleLayers ?? {}).map((name, k) => ({
      label: name, color: PALETTE[k % PALETTE.length], value: (p) => p.styleLayers?.[name],
    }));
  }

  draw() {
    const c = this.canvas;
    const ratio = window.devicePixelRatio || 1;
    const width = c.clientWidth || 400;
    const height = c.clientHeight || 200;
    if (c.width !== width * ratio) { c.width = width * ratio; c.height = height * ratio; }
    const g = c.getContext('2d');
    g.setTransform(ratio, 0, 0, ratio, 0, 0);
    g.clearRect(0, 0, width, height);
    const pad = { left: 48, right: 8, top: 20, bottom: 22 };
    const series = this.series();
    // a loop, not Math.min(...values): a long run has more points than a call may take arguments
    let lo = Infinity;
    let hi = -Infinity;
    for (const p of this.points) {
      for (const s of series) {
        const v = s.value(p);
        if (v > 0) { const l = Math.log10(v); if (l < lo) lo = l; if (l > hi) hi = l; }
      }
    }
    g.fillStyle = '#9e9e9e';
    g.font = '12px system-ui, sans-serif';
    if (lo === Infinity) { g.fillText('losses appear here as the session runs', pad.left, height / 2); return; }
    lo = Math.floor(lo);
    hi = Math.ceil(hi);
    if (hi === lo) hi = lo + 1;
    const last = Math.max(1, this.points[this.points.length - 1].iteration);
    const x = (i) => pad.left + (width - pad.left - pad.right) * (i / last);
    const y = (v) => pad.top + (height - pad.top - pad.bottom) * (1 - (Math.log10(v) - lo) / (hi - lo));
    g.strokeStyle = '#333';
    for (let e = lo; e <= hi; e++) {
      const yy = pad.top + (height - pad.top - pad.bottom) * (1 - (e - lo) / (hi - lo));
      g.beginPath(); g.moveTo(pad.left, yy); g.lineTo(width - pad.right, yy); g.stroke();
      g.fillText(`1e${e}`, 4, yy + 4);
    }
    g.fillText(`iteration ${last}`, width - pad.right - 90, height - 6);
    let labelX = pad.left + 8;
    for (const s of series) {
      g.strokeStyle = s.color;
      g.lineWidth = 1.5;
      g.beginPath();
      let started = false;
      for (const p of this.points) {
        const v = s.value(p);
        if (!(v > 0)) continue;
        if (started) g.lineTo(x(p.iteration), y(v)); else { g.moveTo(x(p.iteration), y(v)); started = true; }
      }
      g.stroke();
      g.fillStyle = s.color;
      g.fillText(s.label, labelX, 14);
      labelX += g.measureText(s.label).width + 12;
    }
  }
}
