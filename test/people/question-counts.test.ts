/**
 * The people of the issue reach their verdict in few questions: the street party by € 350 in at most 10,
 * the sports club's € 2.500 in at most 13, the stichting's reading project in at most 14, each of them
 * typing as people type and asked to clarify at most once, and with the verdict the rules give.
 */
import { describe, expect, it } from 'vitest';
import { PEOPLE, walk } from './people.js';

describe.each(PEOPLE)('$name', (person) => {
  const result = walk(person);

  it(`reaches the ${person.verdict} verdict${person.target ? ` in at most ${person.target} questions` : ''}`, () => {
    expect(result.assessment?.verdict).toBe(person.verdict);
    expect(result.repeats).toBeLessThanOrEqual(1);
    if (person.target) expect(result.asked.length).toBeLessThanOrEqual(person.target);
  });

  it('is asked only questions it has an answer for, each once', () => {
    expect(new Set(result.asked).size).toBe(result.asked.length);
    for (const ask of Object.keys(person.says)) expect(result.asked, `never asked ${ask}`).toContain(ask);
  });
});
