/**
 * A hand-made analysis result for the browser tests: an emoji before the spans (code points ≠
 * UTF-16), nested technique spans, a signed graph with a balanced triad, and hostile markup in
 * every field a view shows. Every payload, if it ever ran, would set window.__pwned.
 */
import type { AnalysisResult } from '../result.js';
import type { GraphNode } from '../graph/types.js';

export const HOSTILE = [
  '<script>window.__pwned="script"</script>',
  '<img src=x onerror="window.__pwned=\'img\'">',
  '<style>body{display:none!important}</style>',
  '<a href="javascript:window.__pwned=\'link\'">click</a>',
  '<svg onload="window.__pwned=\'svg\'"></svg>',
  '<iframe srcdoc="<script>parent.__pwned=1</script>"></iframe>',
];

export const FIXTURE_TEXT = [
  '🚀 Beijing says the so-called “threat” is a fantasy.',
  'Moscow and Beijing trust each other, while Washington keeps pressuring Moscow.',
  `Washington also pressures Beijing. ${HOSTILE.join(' ')}`,
].join('\n');

/** Code-point offsets of the n-th occurrence of `sub` in `text`. */
export function cpSpan(text: string, sub: string, nth = 0): { start: number; end: number; text: string } {
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = text.indexOf(sub, at + 1);
    if (at < 0) throw new Error(`"${sub}" not found`);
  }
  const start = [...text.slice(0, at)].length;
  return { start, end: start + [...sub].length, text: sub };
}

function node(code: string, name: string, mentions: number, role: string): GraphNode {
  return {
    code,
    name,
    type: 'state',
    mentions,
    portrayal: { asSource: { cooperative: 1, conflictual: 0 }, asTarget: { cooperative: 0, conflictual: 1 }, acts: 0, receives: 0, role, summary: `${name} is portrayed as ${role}. ${HOSTILE[1]}`, evidence: [] },
  };
}

export function fixtureResult(): AnalysisResult {
  const t = FIXTURE_TEXT;
  const s1 = cpSpan(t, '🚀 Beijing says the so-called “threat” is a fantasy.');
  const s2 = cpSpan(t, 'Moscow and Beijing trust each other, while Washington keeps pressuring Moscow.');
  const s3 = cpSpan(t, `Washington also pressures Beijing. ${HOSTILE.join(' ')}`);
  const tech = (technique: AnalysisResult['techniques'][number]['technique'], sub: string, confidence: number, explanation: string) => ({ technique, ...cpSpan(t, sub), confidence, explanation, component: 'fixture' });
  return {
    schemaVersion: '1.0.0',
    id: null,
    text: t,
    meta: {
      title: `Fixture ${HOSTILE[0]}`,
      date: '2022-05-05',
      dateSource: 'text',
      byline: HOSTILE[1]!,
      language: 'en',
      url: "javascript:window.__pwned='url'",
      canonicalUrl: null,
      siteName: HOSTILE[2]!,
      source: null,
      credits: [{ name: `Huanqiu ${HOSTILE[4]}`, code: 'huanqiu', kind: 'state-media', country: 'CHN' }],
    },
    sentences: [s1, s2, s3].map(({ start, end }) => ({ start, end })),
    actors: [
      { code: 'CHN', name: 'China', type: 'state', country: 'CHN', sector: null, mentions: [{ ...cpSpan(t, 'Beijing'), via: 'capital' }, { ...cpSpan(t, 'Beijing', 1), via: 'capital' }] },
      { code: 'RUS', name: 'Russia', type: 'state', country: 'RUS', sector: null, mentions: [{ ...cpSpan(t, 'Moscow'), via: 'capital' }, { ...cpSpan(t, 'Moscow', 1), via: 'capital' }] },
      { code: 'USA', name: `United States ${HOSTILE[1]}`, type: 'state', country: 'USA', sector: null, mentions: [{ ...cpSpan(t, 'Washington'), via: 'capital' }] },
    ],
    relations: [{ source: 'CHN', target: 'RUS', kind: 'co-mention', evidence: s2, component: 'fixture', confidence: 0.5, explanation: `Named in one sentence. ${HOSTILE[0]}` }],
    events: [],
    graph: {
      nodes: [node('CHN', 'China', 3, 'partner'), node('RUS', 'Russia', 2, 'pressured'), node('USA', `United States ${HOSTILE[4]}`, 2, 'aggressor')],
      edges: [
        { source: 'CHN', target: 'RUS', sign: 1, weight: 0.6, score: 0.6, directed: false, count: 1, cameo: ['0311'], evidence: [s2] },
        { source: 'USA', target: 'RUS', sign: -1, weight: 0.4, score: -0.4, directed: true, count: 1, cameo: ['112'], evidence: [s2] },
        { source: 'USA', target: 'CHN', sign: -1, weight: 0.4, score: -0.4, directed: true, count: 1, cameo: ['112'], evidence: [{ ...s3, text: `Washington also pressures Beijing. ${HOSTILE[3]}` }] },
      ],
      triads: [{ actors: ['CHN', 'RUS', 'USA'], signs: [1, -1, -1], balanced: true }],
      balance: { triads: 1, balanced: 1, frustration: 0, camps: [['CHN', 'RUS'], ['USA']] },
      realignments: [],
    },
    techniques: [
      tech('Doubt', 'so-called “threat”', 0.8, 'A “so-called” label casts doubt on the claim.'),
      tech('Loaded_Language', '“threat”', 0.6, 'Scare quotes around a single word.'),
      tech('Loaded_Language', 'fantasy', 0.7, 'An emotionally loaded word dismisses the idea.'),
      tech('Name_Calling,Labeling', HOSTILE[0]!, 0.4, `Fixture explanation ${HOSTILE[1]}`),
    ],
    normalization: [],
    components: ['fixture'],
  };
}

// Our own texts: an article, a republished copy (headline rewritten, a credit line added, a
// paragraph dropped) and two unrelated pieces, from three outlets over three months.
const STORY = [
  'Moscow and Beijing signed a long-term gas agreement on Tuesday after two days of talks in the Chinese capital.',
  'The deal covers deliveries through a new pipeline across Mongolia, and both governments called it a milestone for their partnership.',
  'Washington criticised the agreement and said it would weaken sanctions, while Brussels said it would study the terms carefully.',
  'Analysts in Kyiv warned that Moscow was using energy as a weapon and urged European buyers to look for other suppliers.',
  'Officials in Beijing rejected the criticism and said the so-called concerns were a fantasy invented by rival powers.',
];
export const CORPUS_RECORDS: Array<{ text: string; title: string; date: string; source: string; url?: string }> = [
  { text: STORY.join(' '), title: 'Moscow and Beijing sign gas deal', date: '2022-03-01', source: 'Alpha News', url: 'https://alpha.example/gas-deal' },
  { text: [...STORY.slice(0, 3), ...STORY.slice(4), 'Part of this report was provided by Alpha News.'].join(' '), title: 'Gas deal: Russia and China seal pact', date: '2022-03-02', source: 'Beta Daily', url: 'https://beta.example/pact' },
  { text: 'Paris and Berlin agreed on a joint plan for wind power in the North Sea. Warsaw welcomed the plan and asked to join the talks next spring.', title: 'Wind plan', date: '2022-04-10', source: 'Gamma Wire' },
  { text: 'Tokyo and Seoul held talks on fisheries. Both sides praised the talks and promised to meet again before the summer.', title: 'Fisheries talks', date: '2022-05-20', source: 'Alpha News' },
];

