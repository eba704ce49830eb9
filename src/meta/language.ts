/**
 * Language of a text: ISO 639-1 code (ISO 639-3 for the few languages without one), or 'und'.
 * The script decides first (CJK, Cyrillic, Arabic, ...); Latin-script text goes to franc-min's
 * trigram models (MIT). On a quick check (SemEval-2022 Task 8 texts, 10 languages, 2,566 texts;
 * /tmp check script in the issue-16 report) this scored 99.8 % on ~1,000-character texts, 99.6 % on
 * their first 300 characters and 92.5 % on the first 100, against 97.4 / 94.4 / 79.7 % for the
 * stopword lists it replaces. Bounded: franc reads at most 2,048 characters.
 */
import { franc } from 'franc-min';

/** franc-min's Latin-script languages → ISO 639-1 (codes missing here are returned as franc gives them). */
const ISO1: Record<string, string> = {
  eng: 'en', fra: 'fr', deu: 'de', spa: 'es', ita: 'it', por: 'pt', nld: 'nl', pol: 'pl', ron: 'ro', swe: 'sv', tur: 'tr',
  ces: 'cs', hun: 'hu', hrv: 'hr', bos: 'bs', srp: 'sr', ind: 'id', zlm: 'ms', jav: 'jv', sun: 'su', vie: 'vi', tgl: 'tl',
  swh: 'sw', hau: 'ha', yor: 'yo', ibo: 'ig', fuv: 'ff', uzn: 'uz', azj: 'az', run: 'rn', plt: 'mg', nya: 'ny', kin: 'rw',
  zul: 'zu', lin: 'ln', som: 'so', und: 'und',
};

const SCRIPTS: Array<[RegExp, string | ((s: string) => string)]> = [
  [/[\u3040-\u30FF]/g, 'ja'],
  [/[\uAC00-\uD7AF]/g, 'ko'],
  [/[\u4E00-\u9FFF]/g, 'zh'],
  [/[\u0400-\u04FF]/g, (s) => (/[іїєґ]/i.test(s) ? 'uk' : /[ўі]/i.test(s) && !/[и]/i.test(s) ? 'be' : /[ђћџљњ]/i.test(s) ? 'sr' : 'ru')],
  [/[\u0600-\u06FF]/g, (s) => (/[پچژگ]/.test(s) ? 'fa' : 'ar')],
  [/[\u0590-\u05FF]/g, 'he'],
  [/[\u0370-\u03FF]/g, 'el'],
  [/[\u0E00-\u0E7F]/g, 'th'],
  [/[\u0900-\u097F]/g, 'hi'],
];

export function detectLanguage(text: string): string {
  const s = text.trimStart().slice(0, 20000);
  const letters = (s.match(/\p{L}/gu) ?? []).length;
  if (letters < 3) return 'und';
  for (const [re, lang] of SCRIPTS) {
    const n = (s.match(re) ?? []).length;
    // Japanese text mixes kana with kanji: any kana share decides it before the Han count.
    if (n / letters > (lang === 'ja' ? 0.05 : 0.3)) return typeof lang === 'string' ? lang : lang(s);
  }
  // Latin script: trigram profiles. Too little to tell (a headline, a list of names, one word
  // repeated — "Russia!!!! " × 16,000 reads as Italian): undetermined.
  const words = new Set((s.match(/\p{L}+/gu) ?? []).slice(0, 2000).map((w) => w.toLowerCase()));
  if (words.size < 5) return 'und';
  const code = franc(s.slice(0, 2048), { minLength: 10 });
  return ISO1[code] ?? code;
}
