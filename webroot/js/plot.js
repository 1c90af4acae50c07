// A live plot of the content, style and total loss per iteration on a canvas, log scale, no library.
const SERIES = [
  { key: 'totalLoss', label: 'total', color: '#f5f5f5' },
  { key: 'contentLoss', label: 'content', color: '#4fc3f7' },
  { key: 'styleLoss', label: 'style', color: '#ffb74d' },
];

export class LossPlot {
  constructor(canvas) {
    this.canvas = canvas;
    this.points = [];
    this.pending = false;
  }

  reset() {
    this.points = [];
    this.schedule();
  }

  add(progress) {
    this.points.push(progress);
    this.schedule();
  }

  schedule() {
    if (this.pending) return;
    this.pending = true;
    requestAnimationFrame(() => { this.pending = false; this.draw(); });
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
    const logs = [];
    for (const p of this.points) for (const s of SERIES) if (p[s.key] > 0) logs.push(Math.log10(p[s.key]));
    g.fillStyle = '#9e9e9e';
    g.font = '12px system-ui, sans-serif';
    if (logs.length === 0) { g.fillText('losses appear here as the session runs', pad.left, height / 2); return; }
    let lo = Math.floor(Math.min(...logs));
    let hi = Math.ceil(Math.max(...logs));
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
    SERIES.forEach((s, k) => {
      g.strokeStyle = s.color;
      g.lineWidth = 1.5;
      g.beginPath();
      let started = false;
      for (const p of this.points) {
        if (!(p[s.key] > 0)) continue;
        if (started) g.lineTo(x(p.iteration), y(p[s.key])); else { g.moveTo(x(p.iteration), y(p[s.key])); started = true; }
      }
      g.stroke();
      g.fillStyle = s.color;
      g.fillText(s.label, pad.left + 8 + k * 70, 14);
    });
  }
}
