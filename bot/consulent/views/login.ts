import type { SafeHtml } from '../html.js';
import { html } from '../html.js';
import { t } from '../texts.js';
import { layout, notice } from './layout.js';

export interface LoginView {
  name?: string;
  next?: string;
  error?: string;
  loggedOut?: boolean;
}

export function loginPage(view: LoginView = {}): SafeHtml {
  const invalid = view.error !== undefined;
  return layout(
    t('login.title'),
    html`<div class="narrow">
<h1>${t('login.heading')}</h1>
${view.loggedOut && notice(t('login.loggedOut'))}
${
  invalid &&
  html`<div class="notice notice-error" role="alert" id="login-error">
<h2>${t('login.errorHeading')}</h2>
<p>${view.error}</p>
</div>`
}
<p>${t('login.intro')}</p>
<form method="post" action="/consulent/login" class="form">
${view.next && html`<input type="hidden" name="next" value="${view.next}">`}
<div class="field">
<label for="name">${t('login.name')}</label>
<input id="name" name="name" type="text" autocomplete="username" autocapitalize="none" spellcheck="false" required value="${view.name ?? ''}"${invalid ? html` aria-invalid="true" aria-describedby="login-error"` : ''}>
</div>
<div class="field">
<label for="password">${t('login.password')}</label>
<input id="password" name="password" type="password" autocomplete="current-password" required${invalid ? html` aria-invalid="true" aria-describedby="login-error"` : ''}>
</div>
<button type="submit" class="button button-primary">${t('login.submit')}</button>
</form>
</div>`,
  );
}
