// Shows a session's progress: the bar, "iteration N / total · it/s · time left" while it paints (the count alone
// otherwise: a paused or finished session has no rate), and the loss plot with a button under it that switches
// between the loss terms and each style layer's loss.
import { LossPlot } from '/js/plot.js';

export function progressDisplay({ bar, text, plotCanvas }) {
  const plot = new LossPlot(plotCanvas);
  const toggle = document.createElement('button');
  toggle.type = 'button';
  toggle.dataset.testid = 'plot-mode';
  toggle.textContent = 'Show each style layer';
  toggle.onclick = () => {
    const layers = plot.mode === 'terms';
    plot.setMode(layers ? 'layers' : 'terms');
    toggle.textContent = layers ? 'Show the loss terms' : 'Show each style layer';
  };
  plotCanvas.after(toggle);
  let running = false;
  let last = null;
  const count = (iteration, iterations) => {
    last = { iteration, iterations };
    bar.max = Math.max(1, iterations);
    bar.value = iteration;
    text.textContent = `iteration ${iteration} / ${iterations}`;
  };
  return {
    reset: () => plot.reset(),
    /** The run's losses so far, from the server: a late or returning viewer's plot starts at the beginning. */
    history: (points) => plot.history(points),
    show: (p) => {
      count(p.iteration, p.iterations);
      const left = p.itPerSec > 0 ? (p.iterations - p.iteration) / p.itPerSec : 0;
      if (running) {
        text.textContent += ` · ${p.itPerSec.toFixed(1)} it/s` + (left > 0 ? ` · about ${Math.ceil(left)} s left` : '');
      }
      plot.add(p);
    },
    /** The connection is lost: the count as last heard, without a rate that is no longer true. */
    hold: () => {
      running = false;
      if (last) count(last.iteration, last.iterations);
    },
    /** A status: the count where the session is; the rate only while it runs. */
    status: (s) => {
      running = s.state === 'running';
      if (s.iterations) count(s.state === 'done' ? s.iterations : s.iteration, s.iterations);
    },
  };
}
