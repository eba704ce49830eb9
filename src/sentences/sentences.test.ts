import { test } from 'node:test';
import assert from 'node:assert/strict';
import { splitSentences, MAX_SENTENCE } from './index.js';

const split = (t: string): string[] => splitSentences(t).map((s) => t.slice(s.start, s.end));

test('golden: terminal punctuation, closing quotes, abbreviations and initials', () => {
  assert.deepEqual(split('Mr. Smith met Dr. J. Doe in the U.S. capital. They said “no.” Talks ended! Why? Nobody knows.'), [
    'Mr. Smith met Dr. J. Doe in the U.S. capital.',
    'They said “no.”',
    'Talks ended!',
    'Why?',
    'Nobody knows.',
  ]);
});

test('golden: paragraph breaks end a sentence; a lower-case word after a period does not start one', () => {
  assert.deepEqual(split('A headline without a stop\n\nThe body, e.g. this part, goes on. Next one.'), [
    'A headline without a stop',
    'The body, e.g. this part, goes on.',
    'Next one.',
  ]);
});

test('run-on text is cut into bounded pieces at spaces', () => {
  const text = 'word '.repeat(5000).trim();
  const parts = splitSentences(text);
  assert.ok(parts.length >= 5);
  for (const p of parts) assert.ok(p.end - p.start <= MAX_SENTENCE);
  assert.equal(parts[parts.length - 1]!.end, text.length);
});
