/**
 * Free-text answer parsers: pure functions from what a person typed to a value or an error code
 * (`ParseError`); the dialog turns error codes into localized text. None of them throws, whatever the input.
 * A value may come with a `ParseNote`: what the parser assumed to get it (the lower end of a range, the
 * first of a month, a typo), for the dialog to say. `dont-know` is the error for "I don't know".
 */
export { formatAmountForInput, parseAmount } from './amount.js';
export type { ChoiceOption } from './choice.js';
export { parseChoice, parseMultiChoice } from './choice.js';
export { choiceKey } from './choice-matcher.js';
export type { TextLimits } from './contact.js';
export { MAX_EMAIL_LENGTH, parseContact, parseDutchPhone, parseEmail, parseText } from './contact.js';
export { MAX_COUNT, parseCount } from './count.js';
export { formatDateForInput, parseDate } from './date.js';
export { dontKnow } from './dont-know.js';
export { parseAddress, parseIban, parseKvk } from './registration.js';
export type { ParseError, ParseNote, ParseNoteKind, ParseResult } from './result.js';
export { MAX_INPUT_LENGTH, PARSE_ERRORS } from './result.js';
export { parseYesNo } from './yes-no.js';
