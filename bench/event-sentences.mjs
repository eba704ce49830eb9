// Generated news-like sentences for the event benchmarks (bench/events.mjs, bench/coder-compare.mjs):
// actor, verb phrase, actor and a tail in five frames, from a fixed seed, so every run codes the same text.
export const actors = ['Russia', 'China', 'the United States', 'Ukraine', 'the European Union', 'NATO', 'Iran', 'Israel', 'France', 'Germany', 'Japan', 'India', 'Turkey', 'Britain', 'the West', 'Moscow', 'Beijing', 'Washington', 'Chinese officials', 'Russian troops', 'the United Nations'];
export const verbs = ['accused', 'criticized', 'praised', 'threatened to impose sanctions on', 'signed an agreement with', 'met', 'attacked', 'urged', 'rejected a proposal from', 'agreed to cooperate with', 'warned', 'condemned', 'visited', 'expelled diplomats from', 'pledged aid to', 'imposed sanctions on', 'held talks with', 'demanded an apology from', 'will not recognize', 'is pressuring'];
export function eventSentences(N) {
  const tails = ['on Tuesday', 'over the border dispute', 'after weeks of tension', 'in a statement released by its foreign ministry', 'despite earlier promises', 'according to state media', 'amid growing concern about the economy', 'for the second time this month'];
  const frames = [
    (a, v, b, t) => `${a} ${v} ${b} ${t}, officials said.`,
    (a, v, b, t) => `A spokesman said ${a} ${v} ${b} ${t} and would continue to monitor the situation closely.`,
    (a, v, b, t) => `“${a} ${v} ${b} ${t},” the minister told reporters in the capital on Monday.`,
    (a, v, b, t) => `Although talks had resumed, ${a} ${v} ${b} ${t}, which analysts described as a serious setback for relations between the two countries.`,
    (a, v, b, t) => `${b} was ${v.split(' ')[0]} by ${a} ${t}.`,
  ];
  let seed = 42;
  const rnd = (n) => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff), seed % n);
  const sentences = [];
  for (let i = 0; i < N; i++) {
    const a = actors[rnd(actors.length)];
    let b = actors[rnd(actors.length)];
    if (b === a) b = actors[(actors.indexOf(a) + 1) % actors.length];
    sentences.push(frames[rnd(frames.length)](a, verbs[rnd(verbs.length)], b, tails[rnd(tails.length)]));
  }
  return sentences;
}
