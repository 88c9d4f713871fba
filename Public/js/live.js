// Live updates over Server-Sent Events. The browser's EventSource reconnects by itself and sends
// Last-Event-ID, so the server resumes where the page left off.

export function connectLive({ indicator, onEvent, onDeleted }) {
  if (typeof EventSource === 'undefined') {
    setIndicator(indicator, 'off', 'Live updates unavailable');
    return null;
  }
  const source = new EventSource('/api/stream');
  source.addEventListener('open', () => setIndicator(indicator, 'on', 'Live'));
  source.addEventListener('error', () => {
    setIndicator(indicator, source.readyState === EventSource.CLOSED ? 'off' : 'wait',
      source.readyState === EventSource.CLOSED ? 'Live updates stopped' : 'Reconnecting\u2026');
  });
  source.addEventListener('event', (message) => {
    const event = parse(message.data);
    if (event && event.id != null) onEvent(event);
  });
  source.addEventListener('deleted', (message) => {
    const body = parse(message.data);
    if (body && body.id != null) onDeleted(body.id);
  });
  window.addEventListener('pagehide', () => source.close());
  return source;
}

function parse(data) {
  try {
    return JSON.parse(data);
  } catch {
    return null;
  }
}

function setIndicator(indicator, state, text) {
  indicator.dataset.state = state;
  indicator.textContent = text;
}
