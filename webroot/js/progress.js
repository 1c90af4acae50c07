// Shows a session's progress: the bar, "iteration N / total · it/s · time left", and the loss plot with a
// button under it that switches between the loss terms and each style layer's loss.
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
  return {
    reset: () => plot.reset(),
    show: (p) => {
      bar.max = p.iterations;
      bar.value = p.iteration;
      const left = p.itPerSec > 0 ? (p.iterations - p.iteration) / p.itPerSec : 0;
      text.textContent = `iteration ${p.iteration} / ${p.iterations} · ${p.itPerSec.toFixed(1)} it/s`
        + (left > 0 ? ` · about ${Math.ceil(left)} s left` : '');
      plot.add(p);
    },
  };
}
