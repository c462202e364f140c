import { type Rng, rng } from "../random.js";
import { type Answer, plausible, type SimTask, type Slots, type TaskRow } from "./types.js";

/** Short word problems with whole-number answers; more steps make them harder. */

const PEOPLE = ["Sam", "Lena", "Ravi", "Mia", "Tom", "Yuki", "Ana", "Ben", "Zoe", "Ivan"];
const ITEMS = ["apples", "pencils", "stickers", "marbles", "cookies", "stamps", "books", "cards"];

interface Made {
  text: string;
  answer: number;
  wrong: number[];
  steps: string;
}

interface Kind {
  category: string;
  base: number;
  make(r: Rng, a: string, b: string, item: string): Made;
}

const KINDS: Kind[] = [
  {
    category: "one-step-add",
    base: 0,
    make(r, a, _b, item) {
      const [x, y] = [r.int(5, 60), r.int(3, 40)];
      return {
        text: `${a} has ${x} ${item}. ${a} buys ${y} more. How many ${item} does ${a} have now?`,
        answer: x + y,
        wrong: [x + y + 1, Math.abs(x - y)],
        steps: `${x} + ${y} = ${x + y}.`,
      };
    },
  },
  {
    category: "one-step-sub",
    base: 0.4,
    make(r, a, b, item) {
      const [x, y] = [r.int(20, 90), r.int(3, 19)];
      return {
        text: `${a} had ${x} ${item} and gave ${y} to ${b}. How many ${item} does ${a} have left?`,
        answer: x - y,
        wrong: [x + y, x - y - 1],
        steps: `${x} - ${y} = ${x - y}.`,
      };
    },
  },
  {
    category: "one-step-mul",
    base: 0.8,
    make(r, a, _b, item) {
      const [x, y] = [r.int(3, 12), r.int(3, 15)];
      return {
        text: `Each box holds ${x} ${item}. ${a} buys ${y} boxes. How many ${item} does ${a} get?`,
        answer: x * y,
        wrong: [x + y, x * y - x],
        steps: `${y} boxes × ${x} = ${x * y}.`,
      };
    },
  },
  {
    category: "two-step",
    base: 1.6,
    make(r, a, b, item) {
      const [n, k] = [r.int(3, 9), r.int(4, 12)];
      const g = r.int(2, n * k - 1);
      return {
        text: `${a} buys ${n} packs of ${item} with ${k} in each pack and gives ${g} to ${b}. How many ${item} are left?`,
        answer: n * k - g,
        wrong: [n * k, n * k + g, n + k - g],
        steps: `${n} × ${k} = ${n * k}. ${n * k} - ${g} = ${n * k - g}.`,
      };
    },
  },
  {
    category: "rate",
    base: 2.0,
    make(r, a) {
      const [rate, days] = [r.int(8, 30), r.int(3, 15)];
      const total = rate * days;
      return {
        text: `${a} reads ${rate} pages a day. How many days does ${a} need to finish a ${total}-page book?`,
        answer: days,
        wrong: [days + 1, total - rate],
        steps: `${total} ÷ ${rate} = ${days}.`,
      };
    },
  },
  {
    category: "percent",
    base: 2.4,
    make(r) {
      const price = r.int(2, 30) * 20;
      const off = r.pick([10, 20, 25, 50]);
      const sale = price - (price * off) / 100;
      return {
        text: `A jacket costs $${price}. It is on sale for ${off}% off. What is the sale price in dollars?`,
        answer: sale,
        wrong: [(price * off) / 100, price - off],
        steps: `${off}% of ${price} is ${(price * off) / 100}. ${price} - ${(price * off) / 100} = ${sale}.`,
      };
    },
  },
  {
    category: "three-step",
    base: 3.0,
    make(r, a) {
      const [w, h, d] = [r.int(9, 25), r.int(3, 8), r.int(2, 6)];
      const earned = w * h * d;
      const s = r.int(10, earned - 1);
      return {
        text: `${a} earns $${w} an hour and works ${h} hours a day for ${d} days, then spends $${s}. How many dollars does ${a} have left?`,
        answer: earned - s,
        wrong: [earned, w * h - s, earned + s],
        steps: `${w} × ${h} = ${w * h} a day. ${w * h} × ${d} = ${earned}. ${earned} - ${s} = ${earned - s}.`,
      };
    },
  },
];

function generate(seed: number, prefix: string, perKind: number, avoid: ReadonlySet<string>): TaskRow[] {
  const r = rng(seed);
  const seen = new Set(avoid);
  const out: TaskRow[] = [];
  for (let i = 0; out.length < perKind * KINDS.length; i++) {
    const kind = KINDS[i % KINDS.length]!;
    const a = r.pick(PEOPLE);
    const b = r.pick(PEOPLE.filter((p) => p !== a));
    const made = kind.make(r, a, b, r.pick(ITEMS));
    if (seen.has(made.text)) continue;
    seen.add(made.text);
    const big = made.answer >= 100 ? 0.3 : 0;
    const wrong = [...new Set(made.wrong)].filter((w) => w !== made.answer && w >= 0);
    out.push({
      id: `${prefix}-${String(out.length + 1).padStart(3, "0")}`,
      text: made.text,
      expected: made.answer,
      category: kind.category,
      difficulty: Math.max(0, Math.round((kind.base + big + r.jitter(0.3)) * 100) / 100),
      wrong: wrong.length > 0 ? wrong : [made.answer + 10],
      steps: made.steps,
    });
  }
  return out;
}

let rows: TaskRow[] | undefined;
let demos: TaskRow[] | undefined;

export const math: SimTask = {
  name: "math",
  field: "problem",
  rows: () => {
    rows ??= generate(0x3a7, "math", 20, new Set());
    return rows;
  },
  demos: () => {
    demos ??= generate(0xde409, "math-demo", 1, new Set(math.rows().map((x) => x.text)));
    return demos;
  },
  instructions: [/\bfinal answer\b/i],
  recognise: (text) => /\bword problems?\b|\bsolve\b|\bhow many\b/i.test(text),
  guess(text) {
    const numbers = [...text.matchAll(/\d+(?:\.\d+)?/g)].map((m) => Number(m[0]));
    const answer = numbers.at(-1) ?? 0;
    return {
      id: "unknown",
      text,
      expected: answer,
      category: "unknown",
      difficulty: 1.5,
      wrong: [answer + 1],
      steps: `The answer is ${answer}.`,
    };
  },
  wrongAnswer: (row, _features, u) => plausible(row.wrong, u),
  slots: (answer: Answer, row, correct, features) => {
    const n = Number(answer);
    const steps = correct ? (row.steps ?? "") : `I worked through the problem and got ${n}.`;
    return { answer: n, reasoning: features.stepByStep ? `Let's think step by step. ${steps}` : steps };
  },
  text: (slots: Slots, features) =>
    features.stepByStep ? `${slots.reasoning}\nFinal answer: ${slots.answer}` : String(slots.answer),
  prose: (slots: Slots) => `After working it out, I believe the result is ${slots.answer}.`,
};
