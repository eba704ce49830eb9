/**
 * Short, plain definitions of the 14 PTC techniques (shown in tooltips). Paraphrased for this project
 * after the definitions of Da San Martino et al. (EMNLP 2019) and the SemEval-2020 Task 11 guidelines.
 */
import type { Technique } from './types.js';

export const TECHNIQUE_INFO: Record<Technique, { title: string; definition: string }> = {
  Appeal_to_Authority: { title: 'Appeal to authority', definition: 'Claims something is true because an authority or expert said so, without other evidence.' },
  'Appeal_to_fear-prejudice': { title: 'Appeal to fear or prejudice', definition: 'Builds support by stirring fear of a threat or by playing on prejudice against a group.' },
  'Bandwagon,Reductio_ad_hitlerum': { title: 'Bandwagon / Reductio ad Hitlerum', definition: 'Urges agreement because “everyone” agrees, or rejects an idea because a hated group supports it.' },
  'Black-and-White_Fallacy': { title: 'Black-and-white fallacy', definition: 'Presents two options (or one) as the only possibilities when more exist.' },
  Causal_Oversimplification: { title: 'Causal oversimplification', definition: 'Blames a complex outcome on a single cause.' },
  Doubt: { title: 'Doubt', definition: 'Questions the credibility of someone or something without showing it is wrong, e.g. with scare quotes or “so-called”.' },
  'Exaggeration,Minimisation': { title: 'Exaggeration or minimisation', definition: 'Makes something look bigger, better or worse than it is — or downplays it.' },
  'Flag-Waving': { title: 'Flag-waving', definition: 'Justifies a position by appealing to national pride or a group’s identity.' },
  Loaded_Language: { title: 'Loaded language', definition: 'Uses words with strong emotional charge to sway the reader.' },
  'Name_Calling,Labeling': { title: 'Name calling / labelling', definition: 'Attaches a label the audience fears, hates or mocks to a person or group.' },
  Repetition: { title: 'Repetition', definition: 'Repeats the same message again and again so it sticks.' },
  Slogans: { title: 'Slogan', definition: 'A short, striking phrase that stands in for an argument.' },
  'Thought-terminating_Cliches': { title: 'Thought-terminating cliché', definition: 'A stock phrase that discourages further thought or discussion.' },
  'Whataboutism,Straw_Men,Red_Herring': { title: 'Whataboutism / straw man / red herring', definition: 'Deflects by pointing at the other side’s faults, attacking a distorted version of its view, or changing the subject.' },
};
