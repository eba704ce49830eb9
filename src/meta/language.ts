/**
 * Language of a text: ISO 639-1 code (ISO 639-3 for the few languages without one), or 'und'.
 * The script decides first (CJK, Cyrillic, Arabic, ...); Latin-script text goes to franc-min's
 * trigram models (MIT). On a quick check (SemEval-2022 Task 8 texts, 10 languages, 2,566 texts;
 * /tmp check script in the issue-16 report) this scored 99.8 % on ~1,000-character texts, 99.6 % on
 * their first 300 characters and 92.5 % on the first 100, against 97.4 / 94.4 / 79.7 % for the
 * stopword lists it replaces. Bounded: the script count reads 4,000 characters, franc 600 (same 99.8 % on that check).
 */
import { franc } from 'franc-min';

/** franc-min's Latin-script languages → ISO 639-1 (codes missing here are returned as franc gives them). */
const ISO1: Record<string, string> = {
  eng: 'en', fra: 'fr', deu: 'de', spa: 'es', ita: 'it', por: 'pt', nld: 'nl', pol: 'pl', ron: 'ro', swe: 'sv', tur: 'tr',
  ces: 'cs', hun: 'hu', hrv: 'hr', bos: 'bs', srp: 'sr', ind: 'id', zlm: 'ms', jav: 'jv', sun: 'su', vie: 'vi', tgl: 'tl',
  swh: 'sw', hau: 'ha', yor: 'yo', ibo: 'ig', fuv: 'ff', uzn: 'uz', azj: 'az', run: 'rn', plt: 'mg', nya: 'ny', kin: 'rw',
  zul: 'zu', lin: 'ln', som: 'so', und: 'und',
};

/** Scripts that decide the language before any trigram model: [first, last] code unit, language. */
const SCRIPTS: Array<[number, number, string | ((s: string) => string)]> = [
  [0x3040, 0x30ff, 'ja'],
  [0xac00, 0xd7af, 'ko'],
  [0x4e00, 0x9fff, 'zh'],
  [0x0400, 0x04ff, (s) => (/[іїєґ]/i.test(s) ? 'uk' : /[ўі]/i.test(s) && !/[и]/i.test(s) ? 'be' : /[ђћџљњ]/i.test(s) ? 'sr' : 'ru')],
  [0x0600, 0x06ff, (s) => (/[پچژگ]/.test(s) ? 'fa' : 'ar')],
  [0x0590, 0x05ff, 'he'],
  [0x0370, 0x03ff, 'el'],
  [0x0e00, 0x0e7f, 'th'],
  [0x0900, 0x097f, 'hi'],
];

/** Characters read: the opening of an article tells its language; more costs time and adds nothing
 * (99.6 % right on 300 characters, 99.8 % on whole texts, check above). */
const SAMPLE = 4000;
const FRANC_SAMPLE = 600;
const LETTER = /\p{L}/u;

export function detectLanguage(text: string): string {
  const s = text.trimStart().slice(0, SAMPLE);
  // One pass: letters, and letters of each deciding script.
  const counts = new Array<number>(SCRIPTS.length).fill(0);
  let letters = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) {
      if ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a) letters++;
      continue;
    }
    if (!LETTER.test(s[i]!)) continue;
    letters++;
    for (let k = 0; k < SCRIPTS.length; k++) if (c >= SCRIPTS[k]![0] && c <= SCRIPTS[k]![1]) counts[k]!++;
  }
  if (letters < 3) return 'und';
  for (let k = 0; k < SCRIPTS.length; k++) {
    const lang = SCRIPTS[k]![2];
    // Japanese text mixes kana with kanji: any kana share decides it before the Han count.
    if (counts[k]! / letters > (lang === 'ja' ? 0.05 : 0.3)) return typeof lang === 'string' ? lang : lang(s);
  }
  // Latin script: trigram profiles. Too little to tell (a headline, a list of names, one word
  // repeated — "Russia!!!! " × 16,000 reads as Italian): undetermined.
  const words = new Set((s.slice(0, FRANC_SAMPLE * 2).match(/\p{L}+/gu) ?? []).map((w) => w.toLowerCase()));
  if (words.size < 5) return 'und';
  const code = franc(s.slice(0, FRANC_SAMPLE), { minLength: 10 });
  return ISO1[code] ?? code;
}
