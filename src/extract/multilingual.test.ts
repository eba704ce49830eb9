// Pages in many languages (text written for these tests): the furniture is plain paragraphs inside
// the article, so only the multilingual word lists, dates and bylines can tell it from the story.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extract } from './index.js';
import { findDate, wordDate } from './dates.js';
import { isStockLine, hasFurniturePhrase, isTimestampLine, textWidth, monthOf } from './lexicon.js';
import { cleanByline } from './meta.js';

interface Fixture {
  lang: string;
  title: string;
  byline: string;
  author: string;
  dateline: string;
  date: string;
  paras: string[];
  furniture: string[];
}

const FIXTURES: Fixture[] = [
  {
    lang: 'es',
    title: 'El puerto de la ciudad amplía su muelle norte',
    byline: 'Por Lucía Ferrer',
    author: 'Lucía Ferrer',
    dateline: '15 de marzo de 2024, 10:30',
    date: '2024-03-15',
    paras: [
      'Las obras del muelle norte terminaron el jueves, tres semanas después de lo previsto por la autoridad portuaria, que atribuyó el retraso a las lluvias del invierno.',
      'El nuevo tramo permitirá atracar a dos buques de carga al mismo tiempo y, según los responsables, reducirá las esperas en la bahía durante los meses de más tráfico.',
    ],
    furniture: ['Lee también: Los pescadores piden más espacio en la lonja', 'Compartir en redes', 'Publicidad', 'Etiquetas: puerto, obras, transporte', '© 2024 Diario del Puerto. Todos los derechos reservados.'],
  },
  {
    lang: 'fr',
    title: 'La médiathèque rouvre après deux ans de travaux',
    byline: 'Par Camille Roux',
    author: 'Camille Roux',
    dateline: 'Publié le 4 février 2024 à 18h05',
    date: '2024-02-04',
    paras: [
      'La médiathèque du centre-ville a rouvert ses portes samedi matin, après deux années de travaux qui ont permis de doubler la surface réservée aux enfants.',
      'Les horaires restent les mêmes, mais les lecteurs pourront désormais emprunter des instruments de musique, une nouveauté demandée par les écoles du quartier.',
    ],
    furniture: ['Lire aussi : Le marché couvert change ses horaires', 'Partager', 'Publicité', 'Abonnez-vous à notre newsletter pour recevoir chaque matin l’essentiel.', 'Nous utilisons des cookies pour mesurer l’audience.'],
  },
  {
    lang: 'de',
    title: 'Neue Buslinie verbindet die Vororte',
    byline: 'Von Jonas Becker',
    author: 'Jonas Becker',
    dateline: 'Veröffentlicht am 7. Mai 2024',
    date: '2024-05-07',
    paras: [
      'Seit Montag fährt eine neue Buslinie im Halbstundentakt zwischen den beiden östlichen Vororten, ohne den Umweg über den Hauptbahnhof zu nehmen.',
      'Die Verkehrsbetriebe rechnen mit rund dreitausend Fahrgästen am Tag und wollen nach einem halben Jahr prüfen, ob auch am Wochenende Busse fahren sollen.',
    ],
    furniture: ['Lesen Sie auch: Radweg an der Uferstraße wird verbreitert', 'Teilen', 'Anzeige', 'Alle Rechte vorbehalten.'],
  },
  {
    lang: 'pt',
    title: 'Feira de livros atrai público recorde',
    byline: 'Por Ana Souza',
    author: 'Ana Souza',
    dateline: '22 de setembro de 2023',
    date: '2023-09-22',
    paras: [
      'A feira de livros da cidade recebeu mais visitantes neste fim de semana do que em qualquer outra edição, segundo a organização, que ampliou o número de tendas.',
      'Os editores independentes ocuparam metade dos espaços e relataram vendas acima do esperado, sobretudo de títulos infantis e de poesia.',
    ],
    furniture: ['Leia também: Biblioteca municipal amplia horário de funcionamento', 'Compartilhe', 'Publicidade', 'Todos os direitos reservados.'],
  },
  {
    lang: 'ru',
    title: 'В городе открыли новый мост через реку',
    byline: 'Автор: Иван Петров',
    author: 'Иван Петров',
    dateline: '15 марта 2024 г., 12:00',
    date: '2024-03-15',
    paras: [
      'Новый пешеходный мост через реку открыли в субботу, и уже в первый день по нему прошли несколько тысяч жителей соседних районов.',
      'Строители обещают к лету установить на мосту освещение и скамейки, а весной высадить деревья на обоих берегах у въездов на мост.',
    ],
    furniture: ['Читайте также: Парк у набережной закроют на реконструкцию', 'Поделиться', 'Реклама', 'Все права защищены.'],
  },
  {
    lang: 'uk',
    title: 'У місті відкрили нову бібліотеку',
    byline: 'Автор: Олена Коваль',
    author: 'Олена Коваль',
    dateline: '3 квітня 2024',
    date: '2024-04-03',
    paras: [
      'Нова районна бібліотека відкрилася у вівторок у будівлі колишньої пошти, яку ремонтували майже два роки за кошти міського бюджету.',
      'Відвідувачі можуть користуватися читальною залою до восьмої вечора, а для дітей щосуботи проводитимуть заняття з малювання.',
    ],
    furniture: ['Читайте також: Трамвайний маршрут змінить розклад', 'Поділитися', 'Реклама'],
  },
  {
    lang: 'ar',
    title: 'افتتاح حديقة عامة جديدة في وسط المدينة',
    byline: 'بقلم سارة حداد',
    author: 'سارة حداد',
    dateline: '١٥ مارس ٢٠٢٤',
    date: '2024-03-15',
    paras: [
      'افتتحت البلدية يوم السبت حديقة عامة جديدة في وسط المدينة، بعد أعمال استمرت عامين لتحويل موقف سيارات قديم إلى مساحة خضراء مفتوحة للجميع.',
      'وتضم الحديقة ممرات للمشي وملعبا صغيرا للأطفال، وتقول البلدية إنها ستزرع مئات الأشجار الإضافية خلال الخريف المقبل في الأحياء المجاورة.',
    ],
    furniture: ['اقرأ أيضا: تمديد ساعات عمل المكتبة العامة', 'شارك', 'إعلان', 'جميع الحقوق محفوظة'],
  },
  {
    lang: 'zh',
    title: '城市新地铁线路正式开通运营',
    byline: '作者：李明',
    author: '李明',
    dateline: '2024年3月15日 10:30',
    date: '2024-03-15',
    paras: [
      '连接城市东部和西部的新地铁线路于周六正式开通，全长二十多公里，沿途设有十五个车站，预计每天将运送乘客超过十万人次，大大缓解了地面交通的压力。',
      '运营公司表示，新线路开通初期每隔六分钟发出一班列车，高峰时段将加密到每隔四分钟一班，并将根据客流变化继续调整运行时刻表。',
    ],
    furniture: ['相关新闻：公交线路调整方案公布', '分享', '广告', '版权所有，未经授权不得转载'],
  },
  {
    lang: 'ja',
    title: '市立図書館が改装を終えて再開',
    byline: '記者 山田花子',
    author: '山田花子',
    dateline: '2024年3月15日 10時30分',
    date: '2024-03-15',
    paras: [
      '二年間の改装工事を終えた市立図書館が土曜日に再開し、初日から多くの家族連れが訪れて新しくなった児童コーナーで本を選んでいた。',
      '図書館によると、開館時間は午後九時まで延長され、自習室の席数も以前の二倍に増えたため、試験前の学生にも利用しやすくなったという。',
    ],
    furniture: ['関連記事：市民プールの営業時間が変更に', 'シェア', '広告', '無断転載を禁じます'],
  },
  {
    lang: 'tr',
    title: 'Şehirde yeni bisiklet yolu açıldı',
    byline: 'Yazan: Elif Demir',
    author: 'Elif Demir',
    dateline: '15 Mart 2024',
    date: '2024-03-15',
    paras: [
      'Sahil boyunca uzanan yeni bisiklet yolu cumartesi günü açıldı ve ilk hafta sonunda binlerce kişi yolu kullanarak kıyı boyunca gezinti yaptı.',
      'Belediye, yolun gelecek yıl iki mahalleye daha uzatılacağını ve güzergah üzerine bisiklet park yerleri kurulacağını açıkladı.',
    ],
    furniture: ['İlgili haberler: Otobüs saatleri değişiyor', 'Paylaş', 'Reklam', 'Tüm hakları saklıdır.'],
  },
  {
    lang: 'id',
    title: 'Pasar tradisional direnovasi menjelang musim hujan',
    byline: 'Oleh Budi Santoso',
    author: 'Budi Santoso',
    dateline: '15 Maret 2024',
    date: '2024-03-15',
    paras: [
      'Pemerintah kota mulai merenovasi pasar tradisional di pusat kota pada hari Senin, dengan target selesai sebelum musim hujan tiba akhir tahun ini.',
      'Para pedagang dipindahkan sementara ke lapangan di dekat pasar dan diberi tenda gratis selama pekerjaan berlangsung, kata kepala dinas perdagangan.',
    ],
    furniture: ['Baca juga: Jadwal kereta komuter berubah mulai pekan depan', 'Bagikan', 'Iklan', 'Hak cipta dilindungi undang-undang.'],
  },
  {
    lang: 'hi',
    title: 'शहर में नया सामुदायिक अस्पताल खुला',
    byline: 'लेखक: राहुल शर्मा',
    author: 'राहुल शर्मा',
    dateline: '15 मार्च 2024',
    date: '2024-03-15',
    paras: [
      'शहर के पूर्वी हिस्से में नया सामुदायिक अस्पताल शनिवार को खुल गया, जिससे आसपास के गांवों के लोगों को अब इलाज के लिए दूर नहीं जाना पड़ेगा।',
      'अस्पताल में पचास बिस्तर हैं और अगले महीने से यहां बच्चों के लिए एक अलग विभाग भी शुरू किया जाएगा, अधिकारियों ने बताया।',
    ],
    furniture: ['यह भी पढ़ें: बस सेवा का नया समय जारी', 'शेयर करें', 'विज्ञापन', 'सर्वाधिकार सुरक्षित'],
  },
];

/** A page with no machine metadata: title, visible byline and dateline, story and plain-<p> furniture. */
function page(f: Fixture, plainByline = false): string {
  const p = (s: string): string => `<p>${s}</p>`;
  return `<!doctype html><html lang="${f.lang}"><head><meta charset="utf-8"><title>${f.title}</title></head><body>
<div class="wrap"><div class="main"><article>
<h1>${f.title}</h1>
${plainByline ? `<p>${f.byline}</p>` : `<div class="meta"><span class="autor">${f.byline}</span></div>`}
<div class="when">${f.dateline}</div>
${p(f.paras[0]!)}
${p(f.furniture[0]!)}
${p(f.paras[1]!)}
${f.furniture.slice(1).map(p).join('\n')}
</article></div></div></body></html>`;
}

for (const [i, f] of FIXTURES.entries()) {
  // Every other page shows its byline as a plain paragraph (no class naming it).
  test(`extract: ${f.lang} page — body without furniture, date from the dateline, author from the byline`, () => {
    const out = extract(page(f, i % 2 === 1));
    assert.equal(out.body, f.paras.join('\n\n'));
    assert.equal(out.date?.slice(0, 10), f.date);
    assert.equal(out.byline, f.author);
    assert.equal(out.language, f.lang);
  });
}

test('lexicon: stock lines and furniture phrases across languages, prose untouched', () => {
  for (const s of ['Читайте также: что-то', 'Lire aussi', 'À lire aussi : la suite', 'Publicité', 'Lesen Sie auch', 'Baca juga: berita', '相关新闻：标题', 'İlgili haberler', 'اقرأ أيضاً', 'यह भी पढ़ें', '» Lire aussi : la suite', '▶ 関連記事', '[Lee también: otra noticia]', 'ЧИТАЙТЕ ТАКЖЕ: новость'])
    assert.ok(isStockLine(s), s);
  // Sentences that merely start with a similar word stay.
  for (const s of ['Publicidade enganosa é crime, disse o juiz.', 'Partagez-vous cet avis ? Les habitants sont divisés.', 'Terkait hal itu, menteri menolak berkomentar.', '分享经济在这座城市发展迅速。', '广告：这座城市的广告牌将在明年全部更换为节能灯箱。', 'Sharecroppers were the first to leave the valley.'])
    assert.ok(!isStockLine(s), s);
  // Republication credits are furniture even written as a full sentence; prose about publishing is not.
  for (const s of ['This article was originally published by Harbour Times.', 'This story first appeared in The Coast Weekly.'])
    assert.ok(isStockLine(s), s);
  assert.ok(!isStockLine('This article was written after the minister resigned on Friday.'));
  for (const s of ['© 2024 Le Courrier', 'Todos los derechos reservados.', 'Все права защищены', '版权所有', 'Wir verwenden Cookies, um die Nutzung zu analysieren.'])
    assert.ok(hasFurniturePhrase(s), s);
  assert.ok(!hasFurniturePhrase('The minister reserved judgment on the rights of the tenants.'));
});

test('dates: month names from CLDR in many languages, native digits, timestamp lines', () => {
  const cases: [string, string][] = [
    ['15 de marzo de 2024', '2024-03-15'],
    ['Publié le 4 février 2024', '2024-02-04'],
    ['7. Mai 2024', '2024-05-07'],
    ['15 марта 2024 г.', '2024-03-15'],
    ['3 квітня 2024', '2024-04-03'],
    ['١٥ مارس ٢٠٢٤', '2024-03-15'],
    ['15 Mart 2024', '2024-03-15'],
    ['15 Maret 2024', '2024-03-15'],
    ['15 मार्च 2024', '2024-03-15'],
    ['2024. március 15.', '2024-03-15'],
    ['2024년 3월 15일', '2024-03-15'],
    ['March 15, 2024', '2024-03-15'],
    ['22 de setembro de 2023', '2023-09-22'],
    ['15 lutego 2024', '2024-02-15'],
  ];
  for (const [text, want] of cases) assert.equal(findDate(text)?.date, want, text);
  assert.equal(wordDate('el 32 de marzo de 2024'), null); // no such day
  assert.equal(wordDate('marzo'), null);
  assert.deepEqual(monthOf('марта'), [['gregory', 3]]);
  // Other calendars, converted with Intl's CLDR calendars: Solar Hijri, Hijri (Umm al-Qura), Japanese eras, Minguo, Buddhist.
  const calendars: [string, string][] = [
    ['۲۵ اسفند ۱۴۰۲', '2024-03-15'],
    ['5 رمضان 1445', '2024-03-15'],
    ['15 آذار 2024', '2024-03-15'],
    ['令和6年3月15日', '2024-03-15'],
    ['民國113年3月15日', '2024-03-15'],
    ['15 มีนาคม 2567', '2024-03-15'],
  ];
  for (const [text, want] of calendars) assert.equal(findDate(text)?.date, want, text);
  for (const s of ['15 de marzo de 2024, 10:30', '3 часа назад', 'vor 2 Stunden', 'il y a 3 heures', 'Actualizado: 15/03/2024', '2024年3月15日 10時30分', 'Mar 15, 2024 at 9:00 AM EST'])
    assert.ok(isTimestampLine(s), s);
  for (const s of ['15 de marzo: el día del cambio', 'Los 3 mejores libros', 'Monday']) assert.ok(!isTimestampLine(s), s);
  // Bounded on long input.
  const t0 = Date.now();
  findDate('15 '.repeat(50_000) + 'marzo '.repeat(50_000));
  assert.ok(Date.now() - t0 < 500);
});

test('bylines: openers in many languages', () => {
  assert.equal(cleanByline('Por Juan Pérez | Publicado el 15 de marzo de 2024'), 'Juan Pérez');
  assert.equal(cleanByline('Автор: Иван Петров'), 'Иван Петров');
  assert.equal(cleanByline('Oleh Budi Santoso'), 'Budi Santoso');
  assert.equal(cleanByline('作者：李明'), '李明');
  assert.equal(cleanByline('admin'), null);
});

test('JSON-LD author given as an @id reference is resolved through the @graph', () => {
  const html = `<html><head><script type="application/ld+json">{"@context":"https://schema.org","@graph":[
    {"@type":"NewsArticle","headline":"Título","author":{"@id":"https://example.org/#/person/1"},"datePublished":"2024-03-15T10:00:00+01:00"},
    {"@type":"Person","@id":"https://example.org/#/person/1","name":"Marta Gil"}]}</script></head>
    <body><article><p>${'Texto del artículo con suficiente longitud para ser el cuerpo. '.repeat(4)}</p></article></body></html>`;
  const out = extract(html);
  assert.equal(out.byline, 'Marta Gil');
  assert.equal(out.date, '2024-03-15T10:00:00+01:00');
});

test('textWidth: East Asian wide characters count twice', () => {
  assert.equal(textWidth('abc'), 3);
  assert.equal(textWidth('地铁'), 4);
  assert.equal(textWidth('한국어'), 6);
});

test('bylines: an author that only repeats the site name gives way to the byline shown above the body', () => {
  const para = '<p>La alcaldía presentó el plan de movilidad para los próximos cinco años, con nuevas líneas de autobús y más carriles para bicicletas en el centro.</p>';
  const html = `<html lang="es"><head><meta name="author" content="Diario Ejemplo"><meta property="og:site_name" content="Diario Ejemplo"></head>
<body><article><h1>Nuevo plan de movilidad</h1><p>Por Marta Gil</p>${para}${para}</article></body></html>`;
  assert.equal(extract(html).byline, 'Marta Gil');
  // With no byline on the page, the site name stays (it is all there is).
  assert.equal(extract(html.replace('<p>Por Marta Gil</p>', '')).byline, 'Diario Ejemplo');
});

test('language: a page declaring Indonesian is not reported as Malay (a pair trigrams confuse)', () => {
  const text = 'Pemerintah daerah mengumumkan bahwa jalan utama akan ditutup selama dua minggu untuk perbaikan saluran air, dan warga diminta menggunakan jalur alternatif yang telah disiapkan oleh dinas perhubungan setempat.';
  const out = extract(`<html lang="id-ID"><body><article><p>${text}</p><p>${text}</p></article></body></html>`);
  assert.equal(out.language, 'id');
});

test('bad input: floods of multilingual stock lines, month names and bylines stay linear', () => {
  const t0 = performance.now();
  const pages = [
    '<html><body>' + '<p>相关新闻分享广告</p>'.repeat(10_000) + '</body></html>',
    '<html><body>' + '<p>15 مارس 2024 آذار رمضان اسفند</p>'.repeat(10_000) + '</body></html>',
    '<html><body>' + '<div><span>Lee también: </span><a href="#">x</a> Читайте также 2024年3月15日 Por Juan</div>'.repeat(10_000) + '</body></html>',
    `<html><body><div class="${'lire-aussi-'.repeat(50_000)}"><p>${'texte '.repeat(100)}</p></div></body></html>`,
  ];
  for (const html of pages) extract(html);
  assert.ok(performance.now() - t0 < 8000, `took ${performance.now() - t0} ms`);
});

test('class/id words of other languages: related and comment boxes named in Spanish, pinyin or Turkish are dropped', () => {
  const story = '<p>连接城市东部和西部的新地铁线路于周六正式开通，全长二十多公里，沿途设有十五个车站，预计每天将运送乘客超过十万人次。</p>';
  const box = (cls: string): string => `<div class="${cls}"><p>这是另一篇文章的摘要，内容与本文无关，但是写得很像正文，长度也足够长，足以被当成正文段落来处理。</p></div>`;
  for (const cls of ['xiangguan', 'pinglun-list', 'noticias-relacionadas', 'yorumlar']) {
    const out = extract(`<html><body><article>${story}${story}${box(cls)}</article></body></html>`);
    assert.equal(out.body, [story, story].map((p) => p.replace(/<\/?p>/g, '')).join('\n\n'), cls);
  }
});

test('bylines: names that begin like an opener stay whole in machine-readable author fields', () => {
  const para = '<p>The commission presented its proposal for the new budget period to the parliament on Tuesday, after months of talks.</p>';
  for (const name of ['Di Stefano Marco', 'De Souza Ana', 'Von der Leyen Ursula']) {
    const out = extract(`<html><head><meta name="author" content="${name}"></head><body><article>${para}${para}</article></body></html>`);
    assert.equal(out.byline, name);
  }
});

test('byline lines: names joined by "y"/"und" are bylines; a sub-heading that opens with "Von" is text', () => {
  const para = '<p>Der Zug fährt künftig zweimal am Tag ohne Umsteigen, teilte die Bahn am Montag mit, und die Fahrzeit sinkt um eine Stunde.</p>';
  const out = extract(`<html><body><article><p>Von Jonas Becker und Lena Roth</p>${para}<h2>Von Berlin nach Paris</h2>${para}</article></body></html>`);
  assert.equal(out.byline, 'Jonas Becker und Lena Roth');
  assert.match(out.body, /^Der Zug[^]*\n\nVon Berlin nach Paris\n\nDer Zug/);
});

test('data/cldr-dates.json agrees with CLDR through Intl and holds every "published" word', async () => {
  const { readFileSync } = await import('node:fs');
  const { buildDateTables } = await import('./lexicon.js');
  const file = JSON.parse(readFileSync(new URL('./data/cldr-dates.json', import.meta.url), 'utf8')) as { months: [string, unknown][]; words: string[] };
  const live = buildDateTables();
  const months = new Map(file.months);
  for (const key of ['marzo', 'марта', 'mars', 'märz', 'mart', 'maret', 'مارس', 'اسفند', 'رمضان', 'آذار']) assert.deepEqual(months.get(key), live.months.get(key), key);
  const words = new Set(file.words);
  const lists = JSON.parse(readFileSync(new URL('./data/boilerplate.json', import.meta.url), 'utf8')) as { languages: Record<string, { published: string[] }> };
  for (const l of Object.values(lists.languages)) for (const p of l.published) for (const w of p.toLowerCase().match(/[\p{L}\p{M}]+/gu) ?? []) assert.ok(words.has(w), `"${w}" missing: regenerate data/cldr-dates.json`);
});

test('byline openers in scripts without spaces need a separator; words that merely contain "cookie" or "boletín" stay', () => {
  const thai = 'โดยเฉพาะในช่วงฤดูฝนปีนี้ที่ผ่านมา';
  const para = '<p>' + 'ฝนตกหนักต่อเนื่องหลายวันทำให้น้ำท่วมถนนสายหลักในตัวเมือง ประชาชนต้องใช้เส้นทางอื่นในการเดินทาง'.repeat(2) + '</p>';
  const out = extract(`<html><body><article>${para}<p>${thai}</p>${para}</article></body></html>`);
  assert.ok(out.body.includes(thai));
  assert.ok(!hasFurniturePhrase('El Boletín Oficial del Estado publicó ayer la nueva norma.'));
  assert.ok(!hasFurniturePhrase('手作りクッキーの店が駅前に開店した。'));
  assert.ok(!hasFurniturePhrase('Kuruyemiş ve çerez satışları bayramda arttı.'));
});
