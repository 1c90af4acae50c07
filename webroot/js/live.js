// Watches one session over its WebSocket: draws every frame on a canvas (acknowledging each, so the server sends
// the newest when we are ready), reports progress and status to callbacks. A connection that drops while the
// session is not over is opened again, after 1, 2, 4 ... up to 10 s; the server then sends the session's status
// and latest frame, so the page picks it up where the server has it. onConnection hears 'open', 'lost' (with the
// seconds until the next try, and the server's reason if it gave one) and 'gone' (refused, with the reason: no
// such session, or too many messages; no retry). A connection is 'open' once the server has taken it (its first
// message, the session's status, arrived): until then a control sent on it would be lost if the server refused it
// (a web node whose sessions' table is moving to another node refuses for a few seconds).
const FINAL = new Set(['done', 'failed', 'cancelled']);

export function watch(sessionId, { token, canvas, onProgress, onHistory, onStatus, onError, onDone, onConnection } = {}) {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  const query = token ? `?token=${encodeURIComponent(token)}` : '';
  let ws = null;
  let frame = null;
  let over = false;      // the session ended, or the page stopped watching: no reconnect
  let delay = 1;
  let retry = null;
  let taken = false;     // the server took this connection: it sent the session's status

  function connect() {
    retry = null;
    taken = false;
    ws = new WebSocket(`${scheme}//${location.host}/ws/sessions/${sessionId}${query}`);
    ws.binaryType = 'blob';
    ws.onopen = () => { delay = 1; };
    ws.onmessage = async (event) => {
      if (typeof event.data !== 'string') {
        const bitmap = await createImageBitmap(event.data);
        if (canvas.width !== bitmap.width || canvas.height !== bitmap.height) {
          canvas.width = bitmap.width;
          canvas.height = bitmap.height;
        }
        canvas.getContext('2d').drawImage(bitmap, 0, 0);
        canvas.dataset.iteration = frame ? frame.iteration : '';
        if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify({ type: 'ack' }));
        return;
      }
      const message = JSON.parse(event.data);
      if (!taken) {
        taken = true;
        onConnection?.('open');
      }
      if (message.type === 'frame') frame = message;
      else if (message.type === 'progress') onProgress?.(message);
      else if (message.type === 'history') onHistory?.(message.points);
      else if (message.type === 'status') {
        if (FINAL.has(message.state)) over = true;
        onStatus?.(message);
      } else if (message.type === 'error') onError?.(message.message);
      else if (message.type === 'done') { over = true; onDone?.(); }
    };
    ws.onclose = (event) => {
      if (over) return;
      if (event.code === 1008) {
        // refused: no such session (or not this page's to steer); trying again would not change that
        over = true;
        onConnection?.('gone', event.reason);
        return;
      }
      onConnection?.('lost', delay, event.reason);
      retry = setTimeout(connect, delay * 1000);
      delay = Math.min(10, delay * 2);
    };
  }

  connect();
  return {
    /** Sends a control; false when the connection is down (the caller says so). */
    send: (type, params) => {
      if (!ws || ws.readyState !== WebSocket.OPEN || !taken) return false;
      ws.send(JSON.stringify(params ? { type, params } : { type }));
      return true;
    },
    close: () => {
      over = true;
      clearTimeout(retry);
      ws?.close();
    },
  };
}
