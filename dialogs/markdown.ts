/**
 * The dialog's messages are Markdown (Web Chat and Teams render them). What a person typed is shown in
 * them as typed, never as Markdown: `[Klik hier](https://…)` as a name must not become a link in the
 * review, `**` must not turn bold, a web address must not become clickable.
 */

// CommonMark lets any ASCII punctuation be escaped; these start formatting, links, HTML or an entity
// (and `"`, which the renderer would otherwise turn into curly quotes).
const ACTIVE = /[\\`*_[\]<>()#!|~{}"&]/g;
// Words markdown-it's linkify could turn into a link: with a scheme, `www.`, a dot (`evil.nl`) or an `@`.
const LINK_LIKE = /\S*[.:@]\S*/gu;

/** `text` as literal text inside a Markdown message. */
export function escapeMarkdown(text: string): string {
  return (
    text
      .replace(ACTIVE, (c) => `\\${c}`)
      .replace(LINK_LIKE, (word) => word.replace(/[.:@]/g, (c) => `\\${c}`))
      // A line of its own must not start a list, a heading underline (`-`, `=`) or an indented code block.
      .replace(/^[ \t]+/gm, '')
      .replace(/^([-+=]|\d+(?=[.)]))/gm, '\\$1')
  );
}

/** A message as plain text (the transcript, a PDF): backslash escapes gone, the characters they kept. */
export function plainFromMarkdown(text: string): string {
  return text.replace(/\\([!-/:-@[-`{-~])/g, '$1');
}
