// The chat on the municipal page: Web Chat over our own Direct Line. The conversation survives a reload
// or a closed tab (its resume secret stays in this browser); "start again" stops and forgets it.
(() => {
  const config = JSON.parse(document.getElementById('mag-config').textContent);
  const STORAGE_KEY = 'mag-webchat';
  // The command that makes the bot speak this page's language ("english" on the English page); sent when
  // a conversation started in the other language continues here. (`config.switchCommand` is the other way.)
  const languageCommand = document.getElementById('chat').dataset.languageCommand;
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
    // Messages are Markdown only: HTML in a message (a name typed as `<img …>`) is shown as text.
    markdownRenderHTML: false,
    subtle: '#4a4a4a',
    timestampColor: '#4a4a4a',
    transcriptVisualKeyboardIndicatorColor: '#1a1a1a',
    transitionDuration: '0s',
    // A long answer (the verdict with its checklist) is shown from its start: scrolling stops once new
    // messages fill the chat, instead of jumping past the checklist to the last line.
    autoScrollSnapOnPage: true,
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

  const locale = () => (config.lang === 'en' ? 'en-US' : 'nl-NL');

  /**
   * Sends `stop` to the saved conversation and waits for the answer: the server replies once the bot has
   * deleted the conversation's data. Not through Web Chat's connection, which is about to be closed (a
   * message still queued there would be lost), but with a fresh token, so an expired one does not matter.
   */
  async function stopSaved() {
    const saved = read();
    if (!saved) return;
    const session = await requestToken(saved);
    if (!session.resumed) return; // the server no longer knows it: nothing to delete
    const response = await fetch(
      `/v3/directline/conversations/${encodeURIComponent(session.conversationId)}/activities`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${session.token}` },
        body: JSON.stringify({ type: 'message', text: 'stop', locale: locale() }),
      },
    );
    if (!response.ok) throw new Error(`stop ${response.status}`);
  }

  // A card's submit button reaches Web Chat as a "postBack", which it does not show: the person would not
  // see what they chose, not even after a reload. It is sent as a "messageBack" instead, like the suggested
  // actions: the codes as text (what the bot reads), and as what is shown the titles of the ticked boxes or
  // the chosen drop-down option, or the title of the button pressed when it is the answer itself
  // ("Alles klopt", "Houden"). Never a code: Web Chat would even turn `contact.name` into a link.
  let pressedCardButton;
  let pressedWithKeyboard = false;
  host.addEventListener(
    'click',
    (event) => {
      pressedCardButton =
        event.target instanceof Element ? event.target.closest('.ac-pushButton') : undefined;
      pressedWithKeyboard = event.detail === 0; // Enter or Space, not a pointer
    },
    true,
  );

  // After a card is sent with the keyboard, focus goes to the send box, as after a suggested action: the
  // answered card keeps it otherwise (Web Chat traps Tab inside a message until Escape). Not after a tap:
  // on a phone that would open the on-screen keyboard.
  function focusSendBoxAfterKeyboardSubmit() {
    if (!pressedWithKeyboard) return;
    setTimeout(() => host.querySelector('[data-id="webchat-sendbox-input"]')?.focus(), 0);
  }

  const labelOf = (element) => (element.getAttribute('aria-label') || element.textContent || '').trim();

  /** The title the card shows for `code`: a box or radio button named after the slot, or a drop-down option. */
  function titleOnCard(card, slot, code) {
    const toggle = [...card.querySelectorAll('input[type="checkbox"], input[type="radio"]')].find(
      (input) => input.name === slot && input.value === code,
    );
    if (toggle) return labelOf(toggle) || undefined;
    const option = [...card.querySelectorAll('select option')].find((o) => o.value === code && !o.disabled);
    return option ? labelOf(option) || undefined : undefined;
  }

  /** Whether the person typed `value` into a field of the card (a date, an amount): shown as typed. */
  const typedOnCard = (card, value) =>
    [...card.querySelectorAll('input:not([type="checkbox"]):not([type="radio"]), textarea')].some(
      (field) => field.value !== '' && field.value === value,
    );

  function asMessageBack(value) {
    const card = pressedCardButton?.closest('.ac-adaptiveCard');
    if (!card || !value || typeof value !== 'object' || Array.isArray(value)) return undefined;
    // "Geen van deze" names its question under `none` and sends the boxes with it.
    const none = typeof value.none === 'string' ? value.none : undefined;
    const slots = none ? [none] : Object.keys(value);
    if (slots.length !== 1) return undefined;
    const sent = value[slots[0]] ?? '';
    if (typeof sent !== 'string' && !Array.isArray(sent)) return undefined;
    const codes = (Array.isArray(sent) ? sent : sent.split(',')).map(String).filter((code) => code !== '');
    // "Verder" with nothing ticked stays a postBack: the bot says an answer is missing.
    if (codes.length === 0 && !Array.isArray(sent) && !none) return undefined;
    const button = labelOf(pressedCardButton);
    // "Geen van deze" shows as pressed, also with a box still ticked (the bot then asks which it is).
    if (codes.length === 0 || none)
      return { value, text: codes.length === 0 ? 'none' : codes.join(', '), displayText: button };
    const titles = codes.map(
      (code) => titleOnCard(card, slots[0], code) ?? (typedOnCard(card, code) ? code : undefined),
    );
    // A code the card shows no title for is the pressed button's own answer ("Alles klopt", "Houden").
    const displayText = titles.every((title) => title !== undefined) ? titles.join(', ') : button;
    return { value, text: codes.join(', '), displayText };
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
      // A new conversation starts in the page's language: the greeting and first question included.
      conversationStartProperties: { locale: locale() },
      ...(session.resumed && { conversationId: session.conversationId, watermark: '0' }),
    });
    const store = window.WebChat.createStore({}, ({ dispatch }) => (next) => (action) => {
      if (action.type === 'DIRECT_LINE/CONNECT_FULFILLED' && languageChanged) {
        setTimeout(() => dispatch({ type: 'WEB_CHAT/SEND_MESSAGE', payload: { text: languageCommand } }), 0);
      }
      if (action.type === 'WEB_CHAT/SEND_POST_BACK') {
        focusSendBoxAfterKeyboardSubmit();
        const payload = asMessageBack(action.payload?.value);
        if (payload) return next({ type: 'WEB_CHAT/SEND_MESSAGE_BACK', payload });
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
        locale: locale(),
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

  let restarting = false;
  document.getElementById('restart').addEventListener('click', async () => {
    if (restarting) return; // a double click starts one new conversation, not two
    restarting = true;
    // Stop deletes the old conversation's data on the server; the new one starts clean. A failed stop
    // must not keep the person in the old conversation: the server forgets abandoned ones in time anyway.
    await stopSaved().catch(() => undefined);
    localStorage.removeItem(STORAGE_KEY);
    current?.directLine.end();
    await start(true).catch(fail);
    restarting = false;
    host.querySelector('[data-id="webchat-sendbox-input"], textarea, input')?.focus();
  });

  if (!window.WebChat) return fail();
  start(false).catch(fail);
})();
