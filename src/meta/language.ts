/**
 * Language of a text: ISO 639-1 code, or 'und'. Script decides first (CJK, Cyrillic, Arabic, ...);
 * Latin-script text is told apart by its most frequent function words — cheap, bounded (first
 * 20,000 characters) and right on news paragraphs, which is what slant reads.
 */
const STOPWORDS: Record<string, string[]> = {
  en: ['the', 'and', 'of', 'to', 'in', 'is', 'that', 'for', 'it', 'with', 'as', 'was', 'on', 'are', 'this', 'by', 'be', 'have', 'not', 'has'],
  fr: ['le', 'la', 'les', 'de', 'des', 'et', 'est', 'une', 'un', 'du', 'que', 'dans', 'pour', 'pas', 'sur', 'au', 'qui', 'avec', 'il', 'ce'],
  de: ['der', 'die', 'und', 'das', 'ist', 'nicht', 'den', 'mit', 'von', 'zu', 'sich', 'des', 'auf', 'für', 'ein', 'eine', 'dem', 'im', 'auch', 'es'],
  es: ['el', 'la', 'de', 'que', 'y', 'en', 'los', 'las', 'del', 'se', 'por', 'un', 'una', 'con', 'para', 'es', 'no', 'al', 'lo', 'como'],
  it: ['il', 'di', 'che', 'e', 'la', 'per', 'un', 'non', 'del', 'della', 'una', 'sono', 'con', 'le', 'si', 'gli', 'è', 'nel', 'alla', 'anche'],
  pt: ['o', 'de', 'que', 'e', 'do', 'da', 'em', 'um', 'para', 'com', 'não', 'uma', 'os', 'no', 'se', 'na', 'por', 'mais', 'as', 'dos'],
  nl: ['de', 'het', 'een', 'en', 'van', 'is', 'dat', 'op', 'te', 'niet', 'zijn', 'voor', 'met', 'die', 'aan', 'ook', 'als', 'er', 'maar', 'om'],
  pl: ['i', 'w', 'nie', 'na', 'się', 'z', 'że', 'do', 'to', 'jest', 'jak', 'o', 'po', 'ale', 'co', 'tak', 'za', 'od', 'przez', 'dla'],
  ro: ['și', 'de', 'în', 'la', 'că', 'cu', 'nu', 'pe', 'este', 'o', 'un', 'din', 'care', 'mai', 'pentru', 'se', 'au', 'sunt', 'fost', 'dar'],
  sv: ['och', 'att', 'det', 'som', 'en', 'på', 'är', 'av', 'för', 'med', 'till', 'den', 'har', 'inte', 'om', 'ett', 'var', 'jag', 'men', 'från'],
  tr: ['ve', 'bir', 'bu', 'da', 'de', 'için', 'ile', 'olarak', 'çok', 'daha', 'gibi', 'olan', 'ama', 'en', 'ne', 'kadar', 'sonra', 'değil', 'var', 'mi'],
  cs: ['a', 'je', 'se', 'na', 'v', 'že', 'to', 's', 'z', 'do', 'o', 'jako', 'ale', 'pro', 'by', 'jsou', 'tak', 'které', 'který', 'byl'],
};
const LATIN_INDEX = new Map<string, string[]>();
for (const [lang, words] of Object.entries(STOPWORDS)) for (const w of words) LATIN_INDEX.set(w, [...(LATIN_INDEX.get(w) ?? []), lang]);

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
  const s = text.slice(0, 20000);
  const letters = (s.match(/\p{L}/gu) ?? []).length;
  if (letters < 3) return 'und';
  for (const [re, lang] of SCRIPTS) {
    const n = (s.match(re) ?? []).length;
    // Japanese text mixes kana with kanji: any kana share decides it before the Han count.
    if (n / letters > (lang === 'ja' ? 0.05 : 0.3)) return typeof lang === 'string' ? lang : lang(s);
  }
  const scores = new Map<string, number>();
  let words = 0;
  for (const w of s.toLowerCase().match(/\p{L}+/gu) ?? []) {
    words++;
    for (const lang of LATIN_INDEX.get(w) ?? []) scores.set(lang, (scores.get(lang) ?? 0) + 1);
  }
  let best = 'und';
  let bestScore = 0;
  for (const [lang, n] of scores) if (n > bestScore) [best, bestScore] = [lang, n];
  // Too few function words to be sure (a headline, a list of names).
  return words >= 3 && bestScore / words >= 0.08 ? best : 'und';
}
