import { rng } from "../random.js";
import { type Answer, plausible, type SimTask, type Slots, type TaskRow } from "./types.js";

/** Product reviews labelled positive, negative or neutral; harder rows hide the verdict. */

const LABELS = ["positive", "negative", "neutral"] as const;
type Label = (typeof LABELS)[number];

const PRODUCTS = [
  "headphones",
  "blender",
  "backpack",
  "phone case",
  "desk lamp",
  "coffee grinder",
  "running shoes",
  "keyboard",
  "water bottle",
  "office chair",
  "kettle",
  "tent",
  "monitor stand",
  "rain jacket",
];
const POS = [
  "I love this {p}.",
  "Absolutely fantastic {p}, worth every penny.",
  "Best {p} I have ever owned.",
  "The {p} works perfectly and looks great.",
  "Five stars, I would buy this {p} again.",
  "Excellent quality, and the {p} arrived early.",
  "My whole family enjoys the {p}.",
];
const NEG = [
  "I hate this {p}.",
  "Terrible {p}, it broke after two days.",
  "Worst purchase I have made this year.",
  "The {p} stopped working within a week.",
  "One star, I want my money back.",
  "Cheap materials and awful customer service.",
  "The {p} is a complete waste of money.",
];
const FILLER = [
  "The {p} arrived on Tuesday.",
  "It comes in black and grey.",
  "I bought the {p} for my office.",
  "The box had the {p} and a manual.",
  "I have used it for a month.",
  "It is the standard size.",
  "My sister recommended the {p}.",
];
const MILD_POS = ["The {p} is pretty good.", "Decent {p} for the price.", "Mostly happy with this {p}."];
const MILD_NEG = ["The {p} is a bit disappointing.", "It feels flimsy.", "Slightly worse than I expected."];
const PROS = ["the sound is great", "it looks lovely", "the battery lasts for days", "setup was easy"];
const CONS = ["the strap broke", "it is very loud", "shipping took a month", "the manual is useless"];
const NEGATED_POS = [
  "Not bad at all, the {p} is far from the disaster I feared.",
  "I can't complain about this {p}.",
  "I was not disappointed by the {p} in the slightest.",
  "No regrets about buying this {p}.",
];
const NEGATED_NEG = [
  "Not as good as the reviews said.",
  "I would not recommend this {p} to anyone.",
  "Not worth the money, to be honest.",
  "The {p} never lived up to the hype.",
];
const SARCASM = [
  "Great, another {p} that breaks the first time I use it.",
  "Oh wonderful, the {p} arrived in pieces. Just what I needed.",
  "Five stars for teaching me patience, since the {p} never works.",
  "Love how the {p} dies right when I need it most.",
  "What a bargain: a {p} that lasted exactly one afternoon.",
];

interface Kind {
  category: string;
  base: number;
  count: number;
  make(r: ReturnType<typeof rng>, p: string): { text: string; label: Label; wrong: Label[] };
}

const fill = (t: string, p: string) => t.replaceAll("{p}", p);
const cap = (s: string) => s[0]!.toUpperCase() + s.slice(1);

const KINDS: Kind[] = [
  {
    category: "clear",
    base: 0,
    count: 40,
    make(r, p) {
      const label: Label = r.next() < 0.5 ? "positive" : "negative";
      const bank = label === "positive" ? POS : NEG;
      const text = `${fill(r.pick(bank), p)} ${fill(r.pick(FILLER), p)}`;
      return { text, label, wrong: ["neutral", label === "positive" ? "negative" : "positive"] };
    },
  },
  {
    category: "neutral",
    base: 1,
    count: 20,
    make(r, p) {
      const a = r.pick(FILLER);
      const b = r.pick(FILLER.filter((x) => x !== a));
      const lean: Label = r.next() < 0.5 ? "positive" : "negative";
      return { text: `${fill(a, p)} ${fill(b, p)}`, label: "neutral", wrong: [lean] };
    },
  },
  {
    category: "mild",
    base: 1.2,
    count: 30,
    make(r, p) {
      const label: Label = r.next() < 0.5 ? "positive" : "negative";
      const text = `${fill(r.pick(FILLER), p)} ${fill(r.pick(label === "positive" ? MILD_POS : MILD_NEG), p)}`;
      return { text, label, wrong: ["neutral", label === "positive" ? "negative" : "positive"] };
    },
  },
  {
    category: "mixed",
    base: 2.2,
    count: 25,
    make(r, p) {
      const pro = r.pick(PROS);
      const con = r.pick(CONS);
      const x = r.next();
      if (x < 0.4) {
        return {
          text: `${cap(con)}, but ${pro} and I use the ${p} every day.`,
          label: "positive",
          wrong: ["negative", "neutral"],
        };
      }
      if (x < 0.8) {
        return {
          text: `${cap(pro)}, but ${con}, so the ${p} is going back.`,
          label: "negative",
          wrong: ["positive", "neutral"],
        };
      }
      return {
        text: `${cap(pro)}, but ${con}. It is an average ${p}.`,
        label: "neutral",
        wrong: ["positive"],
      };
    },
  },
  {
    category: "negation",
    base: 2.6,
    count: 20,
    make(r, p) {
      const label: Label = r.next() < 0.5 ? "positive" : "negative";
      const text = fill(r.pick(label === "positive" ? NEGATED_POS : NEGATED_NEG), p);
      return { text, label, wrong: [label === "positive" ? "negative" : "positive", "neutral"] };
    },
  },
  {
    category: "sarcasm",
    base: 3.4,
    count: 15,
    make(r, p) {
      return { text: fill(r.pick(SARCASM), p), label: "negative", wrong: ["positive", "neutral"] };
    },
  },
];

function generate(seed: number, prefix: string, scale: number, avoid: ReadonlySet<string>): TaskRow[] {
  const r = rng(seed);
  const seen = new Set(avoid);
  const rows: TaskRow[] = [];
  for (const kind of KINDS) {
    const count = Math.max(1, Math.round(kind.count * scale));
    for (let i = 0; i < count; ) {
      const made = kind.make(r, r.pick(PRODUCTS));
      if (seen.has(made.text)) continue;
      seen.add(made.text);
      rows.push({
        id: "",
        text: made.text,
        expected: made.label,
        category: kind.category,
        difficulty: Math.max(0, Math.round((kind.base + r.jitter(0.3)) * 100) / 100),
        wrong: made.wrong,
      });
      i++;
    }
  }
  // Interleave the kinds so any prefix of the dataset has every kind.
  const order = rows.map((row) => ({ row, key: r.next() }));
  order.sort((a, b) => a.key - b.key);
  return order.map(({ row }, i) => ({ ...row, id: `${prefix}-${String(i + 1).padStart(3, "0")}` }));
}

let rows: TaskRow[] | undefined;
let demos: TaskRow[] | undefined;

const POS_WORDS =
  /\b(love|great|fantastic|excellent|best|perfect|wonderful|happy|enjoy|good|decent|regrets)\b/gi;
const NEG_WORDS = /\b(hate|terrible|broke|worst|awful|waste|disappointing|flimsy|worse|never|not)\b/gi;

export const sentiment: SimTask = {
  name: "sentiment",
  field: "review",
  rows: () => {
    rows ??= generate(0x5e4711, "sentiment", 1, new Set());
    return rows;
  },
  demos: () => {
    demos ??= generate(0xde405, "sentiment-demo", 0.06, new Set(sentiment.rows().map((x) => x.text)));
    return demos;
  },
  instructions: [/\bpositive\b/i, /\bnegative\b/i, /\bneutral\b/i],
  recognise: (text) => /\bsentiment\b|\breviews?\b/i.test(text),
  guess(text) {
    const score = (text.match(POS_WORDS)?.length ?? 0) - (text.match(NEG_WORDS)?.length ?? 0);
    const label: Label = score > 0 ? "positive" : score < 0 ? "negative" : "neutral";
    const other: Label = label === "neutral" ? "positive" : "neutral";
    return { id: "unknown", text, expected: label, category: "unknown", difficulty: 1.5, wrong: [other] };
  },
  wrongAnswer: (row, _features, u) => plausible(row.wrong, u),
  slots: (answer: Answer, _row, correct) => ({
    label: String(answer),
    confidence: correct ? 0.9 : 0.6,
    reasoning: `The review reads as ${String(answer)} overall.`,
  }),
  text: (slots: Slots) => String(slots.label),
  prose: (slots: Slots) => `I would say the sentiment of this review is ${cap(String(slots.label))}.`,
};

export { LABELS as SENTIMENT_LABELS };
