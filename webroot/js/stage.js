// The live view, one markup for the owner's page and the view page: the picture being painted, its state, the
// connection's state when it is lost, the progress bar and line, and the loss plot. Built into a placeholder
// <div class="stage" data-stage>.
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
  const stateText = make('p', { id: 'state', 'data-testid': 'state', 'aria-live': 'polite' }, state);
  const connection = make('p', { id: 'connection', 'data-testid': 'connection', class: 'connection', role: 'status' });
  connection.hidden = true;
  const bar = make('progress', { 'data-testid': 'progress', id: 'progress', value: '0', max: '1',
    'aria-label': 'iterations done' });
  const text = make('p', { id: 'progress-text', 'data-testid': 'progress-text' });
  line.append(stateText, connection, bar, text);
  const plot = make('canvas', { 'data-testid': 'loss-plot', id: 'plot', class: 'plot',
    'aria-label': 'loss per iteration, log scale' });
  side.append(line, plot);
  placeholder.append(canvas, side);
  /** Shows the connection's trouble, or hides the line when there is none. */
  const showConnection = (message) => {
    connection.hidden = !message;
    connection.textContent = message ?? '';
  };
  return { canvas, side, line, state: stateText, bar, text, plot, showConnection };
}
