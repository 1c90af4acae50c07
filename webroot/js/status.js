// A session's state in words a student reads, never the server's internal names.
const plural = (n, word) => `${n} ${word}${n === 1 ? '' : 's'}`;
/** "40 s", "3 min", "1 h 5 min". */
const duration = (seconds) => {
  if (seconds < 60) return `${Math.max(5, Math.round(seconds / 5) * 5)} s`;
  const minutes = Math.round(seconds / 60);
  return minutes < 60 ? `${minutes} min` : `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
};

/**
 * @param s a status message ({state, iteration, iterations, queuePosition, message})
 * @param seconds how long it ran, when the page knows (it watched it start); else null
 */
export function describeState(s, seconds = null) {
  switch (s.state) {
    case 'queued': return s.queuePosition
      ? `Waiting: number ${s.queuePosition} in the queue${s.startsInSeconds ? `, starts in about ${duration(s.startsInSeconds)}` : ''}`
      : 'Waiting for a free worker';
    case 'running': return 'Painting';
    case 'paused': return `Paused at iteration ${s.iteration} of ${s.iterations}`;
    case 'done': return seconds != null ? `Done in ${Math.round(seconds)} s` : `Done: ${plural(s.iterations, 'iteration')}`;
    case 'failed': return `Failed${s.message ? `: ${s.message}` : ''}`;
    case 'cancelled': return `Cancelled at iteration ${s.iteration}`;
    case 'resumable': return `Stopped by a server restart at iteration ${s.iteration}: its owner can resume it`;
    default: return s.state ? s.state : '';
  }
}

/** The connection's state in words: null once it is open again. */
export function describeConnection(state, seconds, reason) {
  if (state === 'lost') return `Connection lost, reconnecting in ${seconds} s…${reason ? ` (${reason})` : ''}`;
  if (state === 'gone') return reason ? reason[0].toUpperCase() + reason.slice(1) : 'This session is not on the server';
  return null;
}
