/**
 * What a person typed goes back into Markdown messages escaped. Checked with the Markdown renderer Web Chat
 * itself uses (markdown-it 13, linkify and typographer on, as Web Chat sets them), even with HTML allowed:
 * whatever is typed renders as text only, and reads as typed.
 */
import fc from 'fast-check';
// @ts-expect-error markdown-it ships no types; Web Chat depends on this same version.
import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { escapeMarkdown, plainFromMarkdown } from '../../dialogs/markdown.js';

const webChat = new MarkdownIt({
  html: true,
  linkify: true,
  typographer: true,
  breaks: false,
  xhtmlOut: true,
});
const plainRenderer = new MarkdownIt({
  html: true,
  linkify: true,
  typographer: false,
  breaks: false,
  xhtmlOut: true,
});

const textOf = (html: string) =>
  html
    .replace(/<\/?p>|<br \/>/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
// Indentation at the start of a line is dropped (it would make a code block); the rest reads as typed.
const normalised = (text: string) => text.replace(/\s+/g, ' ').trim();
const unindented = (text: string) => text.replace(/^[ \t]+/gm, '');
/** The elements in rendered HTML other than paragraphs and line breaks. */
const elements = (html: string) => html.match(/<(?!\/?p>|br \/>)[a-z][^>]*>/gi) ?? [];

/** Typed the way people (and attackers) type: words, punctuation, Markdown, HTML, addresses. */
const typed = fc
  .array(
    fc.oneof(
      fc.string({ unit: fc.constantFrom(...'abcXYZ019 .,:;!?-+_*#[]()<>`~|\\"\'{}&/=@\n'.split('')) }),
      fc.constantFrom(
        '[Klik hier](https://phish.example/login)',
        '<img src=x onerror=alert(1)>',
        '<script>alert(1)</script>',
        '**vet**',
        '_schuin_',
        'www.phish-gemeente.nl',
        'phish-gemeente.nl/inlog',
        'https://phish.example',
        'mailto:jan@phish.example',
        '<https://phish.example>',
        '![beeld](https://phish.example/x.png)',
        '# Kop',
        '- lijst',
        '1. lijst',
        '> citaat',
        '`code`',
        '&lt;b&gt;',
        '(c) (tm) -- ...',
        'Jan de Vries',
        "auto's",
      ),
    ),
    { maxLength: 6 },
  )
  .map((parts) => parts.join(' '));

describe('escapeMarkdown', () => {
  it('renders as text only: no link, image, HTML, emphasis, heading, list or code', () => {
    fc.assert(
      fc.property(typed, (value) => {
        const html = webChat.render(`Naam: ${escapeMarkdown(value)}`);
        expect(elements(html), html).toEqual([]);
      }),
      { numRuns: 2000 },
    );
  });

  it('reads exactly as typed (without the typographer, which only prettifies quotes and dashes)', () => {
    fc.assert(
      fc.property(typed, (value) => {
        const html = plainRenderer.render(`Naam: ${escapeMarkdown(value)}`);
        expect(textOf(html)).toBe(normalised(`Naam: ${value}`));
      }),
      { numRuns: 2000 },
    );
  });

  it('the known phishing shapes, one by one', () => {
    for (const value of [
      '[Klik hier](https://phish.example)',
      'www.phish-gemeente.nl',
      'phish-gemeente.nl/inlog',
      '<b>x</b>',
    ]) {
      const html = webChat.render(escapeMarkdown(value));
      expect(html).not.toMatch(/<a |<b>/);
    }
    // Before escaping, each of these is a link or markup: the property above is not trivially true.
    for (const value of [
      '[Klik hier](https://phish.example)',
      'www.phish-gemeente.nl',
      'phish-gemeente.nl/inlog',
      '<b>x</b>',
    ]) {
      expect(webChat.render(value)).toMatch(/<a |<b>/);
    }
  });

  it('plainFromMarkdown gives back what was escaped, for the transcript', () => {
    fc.assert(
      fc.property(typed, (value) => {
        expect(plainFromMarkdown(escapeMarkdown(value))).toBe(unindented(value));
      }),
    );
  });
});
