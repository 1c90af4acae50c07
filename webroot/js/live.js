// Watches one session over its WebSocket: draws every frame on a canvas (acknowledging each, so the
// server sends the newest when we are ready), reports progress and status to callbacks.
export function watch(sessionId, { token, canvas, onProgress, onStatus, onError, onDone } = {}) {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  const query = token ? `?token=${encodeURIComponent(token)}` : '';
  const ws = new WebSocket(`${scheme}//${location.host}/ws/sessions/${sessionId}${query}`);
  ws.binaryType = 'blob';
  let frame = null;
  ws.onmessage = async (event) => {
    if (typeof event.data !== 'string') {
      const bitmap = await createImageBitmap(event.data);
      if (canvas.width !== bitmap.width || canvas.height !== bitmap.height) {
        canvas.width = bitmap.width;
        canvas.height = bitmap.height;
      }
      canvas.getContext('2d').drawImage(bitmap, 0, 0);
      canvas.dataset.iteration = frame ? frame.iteration : '';
      ws.send(JSON.stringify({ type: 'ack' }));
      return;
    }
    const message = JSON.parse(event.data);
    if (message.type === 'frame') frame = message;
    else if (message.type === 'progress') onProgress?.(message);
    else if (message.type === 'status') onStatus?.(message);
    else if (message.type === 'error') onError?.(message.message);
    else if (message.type === 'done') onDone?.();
  };
  ws.onclose = (event) => { if (event.reason) onError?.(event.reason); };
  return {
    send: (type, params) => ws.send(JSON.stringify(params ? { type, params } : { type })),
    close: () => ws.close(),
  };
}
