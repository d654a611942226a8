import type { HtmlValue, SafeHtml } from '../html.js';
import { html } from '../html.js';
import { t } from '../texts.js';

export const STYLESHEET = '/consulent/assets/consulent.css';

/** Who is logged in, for the header's name and logout form; absent on the login and error pages. */
export interface Viewer {
  user: string;
  csrf: string;
}

/** A hidden field with the session's CSRF token: every state-changing form has one. */
export const csrfField = (viewer: Viewer): SafeHtml =>
  html`<input type="hidden" name="_csrf" value="${viewer.csrf}">`;

/** The pages of the header's navigation; `current` marks the one shown. */
export type NavPage = 'drafts' | 'budget' | 'callbacks';

/** The page frame: skip link, header with the user, navigation and logout, one `main`, footer. */
export function layout(title: string, body: HtmlValue, viewer?: Viewer, current?: NavPage): SafeHtml {
  return html`<!doctype html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>${title} - ${t('site.titleSuffix')}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${STYLESHEET}">
</head>
<body>
<a class="skip-link" href="#main">${t('site.skip')}</a>
<header class="site-header">
<div class="site-header-inner">
<p class="site-name"><a href="/consulent">${t('site.app')}</a> <span class="site-owner">${t('site.municipality')}</span></p>
${viewer && navigation(current)}
${
  viewer &&
  html`<form class="logout" method="post" action="/consulent/logout">
${csrfField(viewer)}
<span class="user">${t('site.loggedInAs', { name: viewer.user })}</span>
<button type="submit" class="button button-light">${t('site.logout')}</button>
</form>`
}
</div>
</header>
<main id="main" tabindex="-1">
${body}
</main>
<footer class="site-footer"><p>${t('site.footer')}</p></footer>
</body>
</html>
`;
}

function navigation(current: NavPage | undefined): SafeHtml {
  const link = (page: NavPage, href: string, label: string) =>
    html`<li><a class="site-nav-link" href="${href}"${page === current ? html` aria-current="page"` : ''}>${label}</a></li>`;
  return html`<nav class="site-nav" aria-label="${t('site.navLabel')}"><ul>
${link('drafts', '/consulent', t('site.navDrafts'))}
${link('budget', '/consulent/budget', t('site.navBudget'))}
${link('callbacks', '/consulent/terugbelverzoeken', t('site.navCallbacks'))}
</ul></nav>`;
}

/** A message in the page: `status` is read out politely, `alert` at once (errors). */
export const notice = (text: string, kind: 'success' | 'error' = 'success'): SafeHtml =>
  kind === 'error'
    ? html`<div class="notice notice-error" role="alert"><p>${text}</p></div>`
    : html`<div class="notice notice-success" role="status"><p>${text}</p></div>`;

/** A page with one message: not set up, not found, form expired. */
export function messagePage(title: string, paragraphs: string[], viewer?: Viewer): SafeHtml {
  return layout(
    title,
    html`<h1>${title}</h1>
${paragraphs.map((p) => html`<p>${p}</p>`)}
${viewer && html`<p><a href="/consulent">${t('site.backToList')}</a></p>`}`,
    viewer,
  );
}
