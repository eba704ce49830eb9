/**
 * Metadata the text itself states: publication date (dateline or header residue), byline, language,
 * and credited sources. Metadata that came with the input (JSON fields, HTML meta tags) is kept:
 * the pipeline only fills fields that are still empty.
 */
import type { Doc, Span } from '../core/document.js';
import type { Component } from '../core/pipeline.js';
import { findCredits } from './credits.js';
import { datelineDate } from './dates.js';
import { detectLanguage } from './language.js';

export interface CreditSpan {
  name: string;
  code: string | null;
  kind: string;
  cue: string;
}

declare module '../core/document.js' {
  interface Layers {
    credits: CreditSpan;
  }
}

// "By Jane Doe", "By Jane Doe and John Roe, Reporter", "Author: Jane Doe" on one of the first lines.
const BYLINE = /^[ \t]*(?:by|author:|written by)[ \t]+(\p{Lu}[\p{L}'’.-]{0,30}(?:[ \t]+(?:and[ \t]+|&[ \t]+|de[ \t]+|van[ \t]+)?\p{Lu}[\p{L}'’.-]{0,30}){0,5})[ \t]*(?:[,|–—-].{0,60})?$/imu;

export function findByline(text: string): string | null {
  const head = text.split('\n', 8).join('\n').slice(0, 1500);
  return BYLINE.exec(head)?.[1] ?? null;
}

/** A plain-text title: a short first line standing alone as its own paragraph, with text after it. */
export function findTitle(text: string): string | null {
  const m = /^([^\n]{3,250})\n[ \t]*\n/.exec(text);
  if (!m || text.length < m[0].length + 40) return null;
  const line = m[1]!.trim();
  // A sentence-like first paragraph (ends in a period, many words) is body text, not a headline.
  return /[.;:,]$/.test(line) && line.split(/\s+/).length > 20 ? null : line;
}

export const meta: Component = {
  name: 'meta',
  requires: [],
  // A date given with the input wins; the dateline date is used only without one.
  reads: ['meta.date'],
  assigns: ['credits', 'meta.title', 'meta.date', 'meta.dateSource', 'meta.byline', 'meta.language', 'meta.credits'],
  annotate(doc: Doc) {
    // The original text still holds header lines that normalisation removed as residue.
    const date = datelineDate(doc.original);
    const credits = findCredits(doc.text);
    const spans: Span<CreditSpan>[] = credits.map((c) => ({
      start: c.start,
      end: c.end,
      component: 'meta',
      confidence: c.code ? 0.9 : 0.6,
      reason: c.code
        ? `Credited as a source (cue “${c.cue}”); ${c.name} is ${describeKind(c.kind)}.`
        : `Credited as a source (cue “${c.cue}”); not an outlet slant knows.`,
      data: { name: c.name, code: c.code, kind: c.kind, cue: c.cue },
    }));
    return {
      spans: { credits: spans },
      meta: {
        title: findTitle(doc.text),
        ...(doc.meta.date ? {} : { date: date?.date ?? null, dateSource: date ? 'text' : null }),
        byline: findByline(doc.original),
        language: detectLanguage(doc.text),
        credits: credits.map(({ name, code, kind, country }) => ({ name, code, kind, country })),
      },
    };
  },
};

function describeKind(kind: string): string {
  const words: Record<string, string> = {
    'state-media': 'state media',
    'state-aligned': 'a state-aligned outlet',
    'state-funded': 'a state-funded outlet',
    'public-broadcaster': 'a public broadcaster',
    wire: 'a wire agency',
    private: 'a privately owned outlet',
  };
  return words[kind] ?? 'an outlet of unknown kind';
}
