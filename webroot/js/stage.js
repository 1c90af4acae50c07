// The live view, one markup for the owner's page and the view page: the picture being painted, its state, the
// progress bar and line, and the loss plot. Built into a placeholder <div class="stage" data-stage>.
export function buildStage(placeholder, { state = 'Starting…' } = {}) {
  const make = (tag, attributes = {}, text = '') => {
    const element = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
    if (text) element.textContent = text;
    return element;
  };
  const canvas = make('canvas', { 'data-testid': 'canvas', id: 'canvas', width: '256', height: '256',
    'aria-label': 'the picture being painted' });
  const side = make('div', { class: 'side' });
  const line = make('div', { class: 'line' });
  const stateText = make('p', { id: 'state', 'aria-live': 'polite' }, state);
  const bar = make('progress', { 'data-testid': 'progress', id: 'progress', value: '0', max: '1' });
  const text = make('p', { id: 'progress-text' });
  line.append(stateText, bar, text);
  const plot = make('canvas', { 'data-testid': 'loss-plot', id: 'plot', class: 'plot',
    'aria-label': 'loss per iteration, log scale' });
  side.append(line, plot);
  placeholder.append(canvas, side);
  return { canvas, side, line, state: stateText, bar, text, plot };
}
