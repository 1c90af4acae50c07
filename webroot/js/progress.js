// Shows a session's progress: the bar, "iteration N / total · it/s · time left", and the loss plot.
import { LossPlot } from '/js/plot.js';

export function progressDisplay({ bar, text, plotCanvas }) {
  const plot = new LossPlot(plotCanvas);
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
