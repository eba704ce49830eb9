import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findCredits } from './credits.js';
import { datelineDate, normalizeDate as parseDate } from './dates.js';
import { detectLanguage, francTop } from './language.js';
import { franc } from 'franc-min';
import { findByline, findTitle, meta } from './index.js';
import { Doc } from '../core/document.js';
import { normalize } from '../input/normalize.js';

test('credits: reference-source lines, datelines, "according to", unknown sources', () => {
  const c = findCredits('Body text.\nPart of the news reference source: huanqiu net');
  assert.deepEqual(c.map(({ name, code, kind, country }) => ({ name, code, kind, country })), [{ name: 'Huanqiu / Global Times', code: 'huanqiu', kind: 'state-media', country: 'CHN' }]);
  assert.equal(c[0]!.start, 46);
  assert.deepEqual(findCredits('MOSCOW (Reuters) - Talks ended. According to TASS, they will resume.').map((x) => [x.code, x.cue]), [['reuters', 'dateline'], ['tass', 'According to']]);
  assert.deepEqual(findCredits('Talks ended. Source: The Daily Planet').map((x) => [x.name, x.code, x.kind]), [['The Daily Planet', null, 'unknown']]);
});

test('credits: a mention is not a credit, and case matters for short names', () => {
  assert.deepEqual(findCredits('Critics of RT say it spreads lies. We ap the rt.'), []);
  assert.deepEqual(findCredits('This article was originally published by RT.').map((x) => x.code), ['rt']);
});

test('dates: forms, validity, datelines only near the top', () => {
  assert.equal(parseDate('2022-05-05T10:00:00Z'), '2022-05-05T10:00:00Z');
  assert.equal(parseDate('2022-05-05T10:00:00+0800'), '2022-05-05T10:00:00+08:00');
  assert.equal(parseDate('May 5, 2022'), '2022-05-05');
  assert.equal(parseDate('5 May 2022'), '2022-05-05');
  assert.equal(parseDate('2022年5月5日'), '2022-05-05');
  assert.equal(parseDate('2022-02-30'), null);
  assert.equal(datelineDate('Headline\n\n2022-05-05 0 By\n\nBody')?.date, '2022-05-05');
  assert.equal(datelineDate('Headline\n\nA long first paragraph that mentions the treaty of 12 March 1999 in passing and goes on.'), null);
  assert.equal(datelineDate('Published on: 3 January 2021\nText')?.date, '2021-01-03');
});

test('language: one word repeated is not a language (it would switch English-only components off)', () => {
  assert.equal(detectLanguage('Russia!!!! '.repeat(2000)), 'und');
  assert.equal(detectLanguage('Russia. Moscow. '.repeat(500)), 'und');
  assert.equal(detectLanguage('The shameful regime in Moscow attacked Kyiv again, officials said. '.repeat(20)), 'en');
});

test('language: scripts and Latin-script function words', () => {
  assert.deepEqual(
    ['The talks ended and the parties left the room.', 'Les négociations sont terminées et les parties sont parties.', 'Переговоры закончились.', 'Переговори закінчилися і сторони пішли.', '中俄是战略伙伴。', '123 456'].map(detectLanguage),
    ['en', 'fr', 'ru', 'uk', 'zh', 'und'],
  );
});

test('language: the indexed trigram scorer answers exactly as franc-min does', () => {
  const texts = [
    'The talks ended late on Tuesday and the parties left the room without a statement.',
    'Les négociations se sont terminées mardi soir et les parties ont quitté la salle sans déclaration.',
    'Die Gespräche endeten am Dienstagabend, und die Parteien verließen den Raum ohne Erklärung.',
    'Las conversaciones terminaron el martes por la noche y las partes salieron sin una declaración.',
    'Le trattative sono finite martedì sera e le parti hanno lasciato la sala senza una dichiarazione.',
    'Rozmowy zakończyły się we wtorek wieczorem, a strony opuściły salę bez oświadczenia.',
    'Переговоры закончились во вторник вечером, и стороны покинули зал без заявления.',
    'انتهت المحادثات مساء الثلاثاء وغادر الطرفان القاعة دون بيان.',
    'बातचीत मंगलवार शाम को समाप्त हुई और दोनों पक्ष बिना बयान के चले गए।',
    '会谈于周二晚间结束，双方没有发表声明就离开了会场。',
    '協議は火曜日の夜に終わり、双方は声明を出さずに退室した。',
    'Talks ended. Les parties. Die Parteien. 123 456 !!! ???',
    '1234567890 ,.;:!?',
    'short',
  ];
  for (const t of texts) for (const n of [10, 25, 60, 600]) assert.equal(francTop(t.slice(0, n)), franc(t.slice(0, n), { minLength: 10 }), t.slice(0, n));
});

test('byline and title from the head of a plain-text article', () => {
  assert.equal(findByline('Headline\nBy Jane Doe and John Roe, Staff Writers\n\nText'), 'Jane Doe and John Roe');
  assert.equal(findByline('Headline\n2022-05-05 0 By\n\nText'), null);
  assert.equal(findTitle('A headline\n\nThe body of the article goes on for a while, long enough to count as text.'), 'A headline');
});

test('meta component: golden metadata of a scraped article', () => {
  const raw = 'Big headline!\n\n2023-03-14 12 By\n\nThe talks went on for a long time and ended without a result.\nPart of the news reference source: Global Times';
  const n = normalize(raw);
  const out = meta.annotate(new Doc(n.text, {}, raw, n.edits));
  assert.deepEqual(out.meta, {
    title: 'Big headline!',
    date: '2023-03-14',
    dateSource: 'text',
    byline: null,
    language: 'en',
    credits: [{ name: 'Huanqiu / Global Times', code: 'huanqiu', kind: 'state-media', country: 'CHN' }],
  });
  assert.equal(out.spans!.credits![0]!.reason, 'Credited as a source (cue “news reference source:”); Huanqiu / Global Times is state media.');
});
