import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ActorDictionary, actorsComponent, pickCode } from './index.js';
import { loadActorTsv, UNDATED } from './dictionary.js';
import { parseActors, parseAgents, parseCode } from './petrarch.js';
import { Doc } from '../core/document.js';
import { Pipeline } from '../core/pipeline.js';
import { sentences } from '../sentences/index.js';
import { wordTokens } from './trie.js';

const dict = ActorDictionary.default();

/** Golden form: covered text=code, in order. */
function golden(text: string, date = '2022-05-05', agents: 'all' | 'attached' = 'attached'): string {
  return dict
    .find(text, { date, agents })
    .map((m) => `${text.slice(m.start, m.end)}=${m.code}`)
    .join(' | ');
}

test('states, capitals as governments, demonyms', () => {
  assert.equal(
    golden('China and Russia signed a deal. Moscow welcomed it, Beijing said, and Washington objected. Ukrainian officials were silent.'),
    'China=CHN | Russia=RUS | Moscow=RUSGOV | Beijing=CHNGOV | Washington=USAGOV | Ukrainian officials=UKRGOV',
  );
  assert.equal(golden('The Chinese side told the US side that Chinese exports grew.'), 'Chinese side=CHNGOV | the US side=USAGOV | Chinese=CHN');
  // A capital after a locative preposition is a place, not the government.
  assert.equal(golden('Talks were held in Moscow.'), 'Moscow=RUS');
});

test('blocs and collective references', () => {
  assert.equal(
    golden('The West and Western countries courted Russia; European countries and Europe hesitated, NATO and the EU waited, and the international community watched.'),
    'The West=WST | Western countries=WST | Russia=RUS | European countries=EUR | Europe=EUR | NATO=IGOWSTNAT | the EU=IGOEUREEC | the international community=INT',
  );
  assert.equal(golden('the west of the country'), '');
  assert.equal(golden('The Soviet Union collapsed in 1991.', '1995-01-01'), 'The Soviet Union=SUN');
});

test('"us" the pronoun is not the United States; "US" and "U.S." are', () => {
  assert.equal(golden('Let us talk. Nobody told us.'), '');
  assert.equal(golden('The US and the U.S. military disagreed with us.'), 'The US=USA | U.S. military=USAMIL');
  assert.equal(golden('china plates and turkey dinners'), '');
});

test('names inside longer names, headlines, paragraph breaks', () => {
  // A city that is someone's surname stays a surname for the rest of the text (and names that person).
  assert.equal(golden('The writer Christopher Ferrara wrote it. Ferrara said more. Rome agreed.'), 'writer Christopher Ferrara=---MED | Ferrara=---MED | Rome=ITAGOV');
  assert.equal(golden('Theresa May spoke in May.', '2018-01-01'), 'Theresa May=GBRGOV');
  // Headline case: a capitalised word after a title is not a name.
  assert.equal(golden('Senator Supports Bill To Fund The Wall', '2018-01-01', 'all'), 'Senator=---LEG');
  // No phrase spans a blank line.
  assert.equal(golden('He flew to New\n\nYork is big.'), '');
});

test('text written without capitals: names match, the pronoun "us" still does not', () => {
  const filler = ' and then more words were written here without any capital letters at all'.repeat(8);
  const text = 'russia and china met the west; let us go.' + filler;
  assert.equal(golden(text), 'russia=RUS | china=CHN | the west=WST');
});

test('leaders with dated roles; "former President" is not the president', () => {
  assert.equal(golden('President Putin met Barack Obama.', '2012-06-01'), 'President Putin=RUSGOV | Barack Obama=USAGOV');
  assert.equal(golden('Barack Obama spoke.', '2019-06-01'), 'Barack Obama=USAELI');
  assert.equal(golden('Former President Obama spoke.', '2012-06-01'), 'Former President Obama=USAELI');
  assert.equal(golden('Vladimir Putin spoke.', '1995-01-01'), 'Vladimir Putin=RUSELI');
  // A later mention of the surname alone is the same person.
  assert.equal(golden('Angela Merkel arrived. Merkel spoke.', '2015-01-01'), 'Angela Merkel=DEUGOV | Merkel=DEUGOV');
  // A title in the text states the role: "Senator" gives LEG.
  assert.equal(golden('US Senator Marco Rubio said so.', '2015-01-01'), 'US Senator Marco Rubio=USALEG');
});

test('agents combine with a nearby country', () => {
  assert.equal(golden('Russian troops and Ukrainian farmers; Shanghai police arrested Chinese journalists.'), 'Russian troops=RUSMIL | Ukrainian farmers=UKRAGR | Shanghai police=CHNCOP | Chinese journalists=CHNMED');
  assert.equal(golden("Russia's defence ministry and the president of Ukraine."), "Russia's defence ministry=RUSGOVMIL | president of Ukraine=UKRGOV");
  // Coordination: countries share an agent, agents share a country.
  assert.equal(golden('The ambassadors of Kenya, Uganda and Ghana met Russian and Chinese diplomats.'), 'ambassadors of Kenya=KENGOV | Uganda=UGAGOV | Ghana=GHAGOV | Russian=RUSGOV | Chinese diplomats=CHNGOV');
  assert.equal(golden('Danish media and government warned lawmakers and officials in Kenya.'), 'Danish media=DNKMED | government=DNKGOV | lawmakers=KENLEG | officials in Kenya=KENGOV');
  // Proxies are not the country's own agents.
  assert.equal(golden('Iran-backed militias and Somalia-based militias'), 'Iran=IRN | Somalia-based militias=SOMUAF');
  // "anti-China forces" are not China's; "Sino-US" names both.
  assert.equal(golden('anti-China forces and pro-Russian separatists; Sino-US talks'), 'China=CHN | Russian=RUS | Sino=CHN | US=USA');
  // Bare agents have no country: reported as unknown (---), only when asked for.
  assert.equal(golden('Soldiers and police arrived.', '2022-05-05', 'all'), 'Soldiers=---MIL | police=---COP');
  assert.equal(golden('Soldiers and police arrived.'), '');
});

test('resolve: one phrase to one actor, unknown stays unknown', () => {
  assert.deepEqual(dict.resolve('German Defense Minister', '2020-01-01'), { code: 'DEUGOVMIL', country: 'DEU', sector: 'GOVMIL', name: 'Germany (government, military)' });
  assert.equal(dict.resolve('Beijing')?.code, 'CHNGOV');
  assert.equal(dict.resolve('a US destroyer')?.country, 'USA');
  assert.equal(dict.resolve('Zorbo Quillfeather'), null);
  assert.equal(dict.resolve('us'), null);
});

test('offsets are UTF-16 in find and code points in the result; emoji and Chinese text', () => {
  const text = '🇨🇳 中国 and 🙂 Russia met China.';
  const ms = dict.find(text);
  assert.deepEqual(ms.map((m) => text.slice(m.start, m.end)), ['Russia', 'China']);
  const doc = new Doc(text, { date: '2022-05-05' });
  new Pipeline([sentences, actorsComponent]).run(doc);
  const spans = doc.spans('actors');
  assert.equal(spans.length, 2);
  const cp = doc.codePoints;
  assert.equal(cp.slice(cp.cp(spans[0]!.start), cp.cp(spans[0]!.end)), 'Russia');
  assert.equal(cp.cp(spans[0]!.start), 12); // flag = 2 code points (4 UTF-16 units), 🙂 = 1 (2 units)
  assert.equal(spans[0]!.start, 15);
  assert.match(spans[0]!.reason, /Russia/);
});

test('long inputs: a 2,000-word sentence and a large text run without error', () => {
  const words = Array.from({ length: 2000 }, (_, i) => (i % 97 === 0 ? 'Russian troops' : i % 13 === 0 ? 'the West' : 'word'));
  const ms = dict.find(words.join(' '));
  assert.equal(ms.filter((m) => m.code === 'RUSMIL').length, 21);
  assert.equal(ms.filter((m) => m.code === 'WST').length, 2000 / 13 - 2000 / (13 * 97) | 0);
  const big = 'China and the West talk, ((( [[[ "" , . '.repeat(20000);
  assert.equal(dict.find(big).length, 40000);
  assert.equal(wordTokens('-'.repeat(100000)).length, 0);
});

// ---- PETRARCH-format dictionaries --------------------------------------------------------------

const ACTORS = `<!-- tiny fixture -->
# comment line
GONDOR_ [GON]
+GONDORIAN
+MINAS_TIRITH_
ARAGORN_  # the king
+STRIDER_
	[GONELI 19900101-19991231]
	[GONGOV >20000101]
PIPPIN_
+PEREGRIN_TOOK_
MERRY_
	[SHR]
ORC_HORDE [MORMIL]
`;

const AGENTS = `!PERSON! = MAN, MEN
GUARD [~MIL]
HORSE!PERSON! [~CVL]
COUNCIL {} [~GOV]
RANGER_COMPANY {RANGERS_COMPANIES} [NGO~]
`;

test('PETRARCH dictionary parsing: groups, synonyms, dated codes, stems, agents', () => {
  const actors = parseActors(ACTORS);
  assert.deepEqual(
    actors.map((a) => [a.names.map((n) => n.words.join(' ')).join('|'), a.codes.map((c) => c.code + (c.dated ? `@${c.from}-${c.to}` : '')).join(' ')]),
    [
      ['GONDOR|GONDORIAN|MINAS TIRITH', 'GON'],
      ['ARAGORN|STRIDER', 'GONELI@19900101-19991231 GONGOV@20000101-99999999'],
      ['PIPPIN|PEREGRIN TOOK|MERRY', 'SHR'], // a name without codes joins the next group
      ['ORC HORDE', 'MORMIL'],
    ],
  );
  assert.deepEqual(parseCode('HOBGOV 19950601 - 19990815'), { code: 'HOBGOV', from: 19950601, to: 19990815, dated: true });
  assert.deepEqual(parseCode('RUSGOV >080508'), { code: 'RUSGOV', from: 20080508, to: 99999999, dated: true });
  assert.equal(pickCode(actors[1]!.codes, 19950101), 'GONELI');
  assert.equal(pickCode(actors[1]!.codes, 20100101), 'GONGOV');
  const agents = parseAgents(AGENTS);
  assert.deepEqual(
    agents.map((a) => `${a.words.join(' ')}:${a.code}${a.prefix ? '~' : ''}:${a.plurals === null ? 'reg' : a.plurals.map((p) => p.join(' ')).join(',')}`),
    ['GUARD:MIL:reg', 'HORSEMAN:CVL:reg', 'HORSEMEN:CVL:reg', 'COUNCIL:GOV:', 'RANGER COMPANY:NGO~:RANGERS COMPANIES'],
  );

  const d = ActorDictionary.fromPetrarch({ actors: [ACTORS], agents: [AGENTS] });
  const text = 'Strider and the Gondorians met Orc horde guards. Gondor guards and the council watched Pippin.';
  const got = (date: string): string => d.find(text, { date }).map((m) => `${text.slice(m.start, m.end)}=${m.code}`).join(' | ');
  // "Gondorians": GONDORIAN has no trailing underscore, so it is a stem.
  assert.equal(got('1995-01-01'), 'Strider=GONELI | Gondorians=GON | Orc horde guards=MORMIL | Gondor guards=GONMIL | council=---GOV | Pippin=SHR');
  assert.equal(d.resolve('Aragorn', '2005-01-01')?.code, 'GONGOV');
  assert.equal(d.resolve('Gondor horsemen')?.code, 'GONCVL');
});

test('places that start with a bloc or country word are the place, not the bloc', () => {
  assert.equal(golden('Israel left the West Bank and the West Bank city council; the West protested.'), 'Israel=ISR | West Bank=PSE | West Bank city=PSECVL | the West=WST');
  assert.equal(
    golden('Ships crossed the South China Sea while West Africa, East Asia, South Africa, North Korea and New Zealand watched.'),
    'West Africa=WAF | East Asia=ASA | South Africa=ZAF | North Korea=PRK | New Zealand=NZL',
  );
});

test('a weekday after an actor is never glued to it, whatever the agent dictionary says', () => {
  const d = ActorDictionary.fromPetrarch({ actors: ['LIBYA_ [LBY]\nUNITED_STATES_ [USA]\n'], agents: ['FRIDAY [~NON]\nTHURSDAY [~NON]\nTROOPS [~MIL]\n'] });
  const g = (t: string): string => d.find(t, { date: '2000-01-01' }).map((m) => `${t.slice(m.start, m.end)}=${m.code}`).join(' | ');
  assert.equal(g('Libya on Friday said the United States on Thursday moved Libya troops.'), 'Libya=LBY | United States=USA | Libya troops=LBYMIL');
});

test('"<person> of <state>" takes the state; Correlates-of-War codes become ISO', () => {
  assert.equal(golden('King Hassan of Morocco met President Putin of Russia.', '1990-01-01'), 'King Hassan of Morocco=MARGOV | President Putin of Russia=RUSGOV');
  assert.equal(golden('UNITA fighters left East Timor.', '2005-01-01', 'all'), 'UNITA fighters=AGOREB | East Timor=TLS');
});

test('with no date a person keeps their latest role; with a date after it they are former', () => {
  const d = new ActorDictionary();
  loadActorTsv(d, 'leader\tname\tARNELI@19500101-19900101 ARNGOV@19900101-20000101\tAragorn Elessar\tAragorn Elessar\nleader\tname\tGONGOV@20100101-\tFaramir Hurin\tFaramir Hurin\n');
  const g = (t: string, date?: string): string => d.find(t, { date }).map((m) => m.code).join(' ');
  assert.equal(g('Aragorn Elessar and Faramir Hurin spoke.'), 'ARNGOV GONGOV');
  assert.equal(g('Aragorn Elessar and Faramir Hurin spoke.', '2020-01-01'), 'ARNELI GONGOV');
  assert.equal(g('Aragorn Elessar spoke.', '1995-06-01'), 'ARNGOV');
  assert.equal(pickCode([{ code: 'ARNGOV', from: 19900101, to: 20000101, dated: true }], UNDATED), 'ARNGOV');
});

test('weapons platforms are the military of their country; a think tank is not', () => {
  assert.equal(golden('Arnorian tanks and helicopters moved while a Russian think tank watched.'), 'Russian think tank=RUSEDU');
  assert.equal(golden('Israeli tanks and helicopters shelled the town.', '2005-01-01'), 'Israeli tanks=ISRMIL | helicopters=ISRMIL');
});

test('regional organisations Phoenix lacks', () => {
  assert.equal(golden('APEC, the GCC and Mercosur met.'), 'APEC=IGOASABUSAPC | GCC=IGOMEAGCC | Mercosur=IGOSAMBUSMER');
});

test('"ethnic <demonym>" is an ethnic group, not the state', () => {
  assert.equal(golden('Ethnic Albanians marched in Serbia; Albanian police watched.', '2005-01-01', 'all'), 'Albanians=---CVL | Serbia=SRB | Albanian police=ALBCOP');
  assert.equal(golden('Ethnic Albanian guerrillas attacked.', '2005-01-01', 'all'), 'Albanian guerrillas=---REB');
});

test('regions named after another country are not that country', () => {
  assert.equal(golden('Northern Ireland, North Ossetia and East Jerusalem; Ireland.'), 'Northern Ireland=GBR | North Ossetia=RUS | East Jerusalem=PSE | Ireland=IRL');
  assert.equal(golden('the West Indies and the West'), 'the West Indies=CRB | the West=WST');
});
