// The chat on the municipal page: Web Chat over our own Direct Line. The conversation survives a reload
// or a closed tab (its resume secret stays in this browser); "start again" stops and forgets it.
(() => {
  const config = JSON.parse(document.getElementById('mag-config').textContent);
  const STORAGE_KEY = 'mag-webchat';
  const host = document.getElementById('webchat');
  const status = document.getElementById('status');
  let current;

  const styleOptions = {
    accent: '#00527a',
    primaryFont: '"Segoe UI", Arial, Helvetica, sans-serif',
    fontSizeSmall: '85%',
    bubbleBorderRadius: 6,
    bubbleFromUserBackground: '#e6eef3',
    bubbleFromUserBorderColor: '#00527a',
    bubbleFromUserBorderWidth: 1,
    bubbleBorderColor: '#8a8a8a',
    bubbleBorderWidth: 1,
    bubbleMaxWidth: 640,
    suggestedActionLayout: 'flow',
    suggestedActionHeight: 44,
    suggestedActionBorderRadius: 6,
    suggestedActionBorderColor: '#00527a',
    suggestedActionTextColor: '#00527a',
    sendBoxHeight: 48,
    sendBoxTextWrap: true,
    hideUploadButton: true,
    subtle: '#4a4a4a',
    timestampColor: '#4a4a4a',
    transcriptVisualKeyboardIndicatorColor: '#1a1a1a',
    transitionDuration: '0s',
  };

  const read = () => {
    try {
      return JSON.parse(localStorage.getItem(STORAGE_KEY) || 'null');
    } catch {
      return null;
    }
  };

  async function requestToken(saved) {
    const response = await fetch('/api/webchat/token', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(saved ? { conversationId: saved.conversationId, resume: saved.resume } : {}),
    });
    if (!response.ok) throw new Error(`token ${response.status}`);
    return response.json();
  }

  function send(text) {
    current?.store.dispatch({ type: 'WEB_CHAT/SEND_MESSAGE', payload: { text } });
  }

  async function start(fresh) {
    const saved = fresh ? null : read();
    const session = await requestToken(saved);
    const languageChanged = session.resumed && saved?.lang && saved.lang !== config.lang;
    localStorage.setItem(
      STORAGE_KEY,
      JSON.stringify({ conversationId: session.conversationId, resume: session.resume, lang: config.lang }),
    );
    const directLine = window.WebChat.createDirectLine({
      domain: `${location.origin}/v3/directline`,
      token: session.token,
      webSocket: true,
      ...(session.resumed && { conversationId: session.conversationId, watermark: '0' }),
    });
    const store = window.WebChat.createStore({}, ({ dispatch }) => (next) => (action) => {
      if (action.type === 'DIRECT_LINE/CONNECT_FULFILLED' && languageChanged) {
        setTimeout(
          () => dispatch({ type: 'WEB_CHAT/SEND_MESSAGE', payload: { text: config.switchCommand } }),
          0,
        );
      }
      return next(action);
    });
    const mount = document.createElement('div');
    mount.className = 'webchat-mount';
    mount.style.height = '100%';
    host.replaceChildren(mount);
    window.WebChat.renderWebChat(
      {
        directLine,
        store,
        locale: config.lang === 'en' ? 'en-US' : 'nl-NL',
        styleOptions,
      },
      mount,
    );
    current = { directLine, store, mount };
  }

  function fail() {
    status.textContent = config.error;
    host.replaceChildren(status);
  }

  document.getElementById('restart').addEventListener('click', async () => {
    // Stop deletes the old conversation's data on the server; the new one starts clean.
    send('stop');
    localStorage.removeItem(STORAGE_KEY);
    current?.directLine.end();
    await start(true).catch(fail);
    host.querySelector('[data-id="webchat-sendbox-input"], textarea, input')?.focus();
  });

  if (!window.WebChat) return fail();
  start(false).catch(fail);
})();
