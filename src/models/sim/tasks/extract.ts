import { type Rng, rng } from "../random.js";
import type { Answer, ExtractFields, SimTask, Slots, TaskRow } from "./types.js";

/** Payment messages: pull out who paid, when (as YYYY-MM-DD) and how much. */

const FIRST = [
  "Maria",
  "John",
  "Aisha",
  "Kenji",
  "Lucia",
  "Omar",
  "Priya",
  "Lars",
  "Chen",
  "Fatima",
  "Diego",
  "Emma",
];
const LAST = [
  "Lopez",
  "Smith",
  "Khan",
  "Tanaka",
  "Rossi",
  "Haddad",
  "Patel",
  "Berg",
  "Wang",
  "Diallo",
  "Silva",
  "Novak",
];
const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];
const TEMPLATES = [
  "Payment received from {N} on {D} for {A}.",
  "{N} paid {A} on {D} for the annual plan.",
  "Hi, this is {N}. I was charged {A} on {D} and would like a receipt.",
  "Invoice to {N}, dated {D}: total due {A}.",
  "Refund request: {N} was billed {A} on {D} by mistake.",
];
const DATE_FORMATS = [
  { key: "iso", cost: 0 },
  { key: "long", cost: 0.6 },
  { key: "dayfirst", cost: 0.6 },
  { key: "us", cost: 1.0 },
] as const;
const pad = (n: number) => String(n).padStart(2, "0");
const money = (n: number, cents: boolean) =>
  n.toLocaleString("en-US", { minimumFractionDigits: cents ? 2 : 0, maximumFractionDigits: 2 });

function writeDate(y: number, m: number, d: number, format: string): string {
  if (format === "long") return `${MONTHS[m - 1]} ${d}, ${y}`;
  if (format === "dayfirst") return `${d} ${MONTHS[m - 1]} ${y}`;
  if (format === "us") return `${pad(m)}/${pad(d)}/${y}`;
  return `${y}-${pad(m)}-${pad(d)}`;
}

function makeRow(r: Rng): TaskRow {
  const name = `${r.pick(FIRST)} ${r.pick(LAST)}`;
  let other = `${r.pick(FIRST)} ${r.pick(LAST)}`;
  if (other === name) other = `${FIRST[0]} ${LAST[1]}`;
  const [y, m, d] = [r.int(2023, 2025), r.int(1, 12), r.int(1, 28)];
  const iso = `${y}-${pad(m)}-${pad(d)}`;
  const format = r.pick(DATE_FORMATS);
  const written = writeDate(y, m, d, format.key);
  const cents = r.next() < 0.4;
  const amount = cents ? r.int(500, 500000) / 100 : r.int(5, 5000);
  const amountStyle = r.int(0, 2);
  const shown = [
    `$${money(amount, cents)}`,
    `${money(amount, cents).replaceAll(",", "")} USD`,
    `${money(amount, cents)} dollars`,
  ][amountStyle]!;
  const costs: [string, number][] = [
    ["date-format", format.cost],
    ["amount-format", amountStyle === 0 ? 0 : 0.3],
  ];
  let text = r.pick(TEMPLATES).replace("{N}", name).replace("{D}", written).replace("{A}", shown);
  const wrong: ExtractFields[] = [];
  const truth: ExtractFields = { name, date: iso, amount };
  if (format.key !== "iso") wrong.push({ ...truth, date: written });
  if (r.next() < 0.35) {
    text = r.next() < 0.5 ? `${text} Please copy ${other} on the reply.` : `On behalf of ${other}: ${text}`;
    costs.push(["distractor-name", 0.8]);
    wrong.push({ ...truth, name: other });
  }
  if (r.next() < 0.35) {
    const order = r.int(10000, 99999);
    text = `Order #${order}. ${text}`;
    costs.push(["distractor-number", 0.5]);
    wrong.push({ ...truth, amount: order });
  }
  const swapped = d <= 12 && d !== m ? `${y}-${pad(d)}-${pad(m)}` : `${y}-${pad(m)}-${pad(d + 1)}`;
  wrong.push({ ...truth, date: swapped });
  wrong.push({ ...truth, amount: amount >= 1000 ? amount / 1000 : Math.round(amount) + 100 });
  const top = costs.reduce((a, b) => (b[1] > a[1] ? b : a));
  const total = costs.reduce((sum, c) => sum + c[1], 0);
  return {
    id: "",
    text,
    expected: truth,
    category: top[1] === 0 ? "plain" : top[0],
    difficulty: Math.max(0, Math.round((total + r.jitter(0.2)) * 100) / 100),
    wrong,
    ...(format.key !== "iso" && { writtenDate: written }),
  };
}

function generate(seed: number, prefix: string, count: number, avoid: ReadonlySet<string>): TaskRow[] {
  const r = rng(seed);
  const seen = new Set(avoid);
  const out: TaskRow[] = [];
  while (out.length < count) {
    const row = makeRow(r);
    if (seen.has(row.text)) continue;
    seen.add(row.text);
    out.push({ ...row, id: `${prefix}-${String(out.length + 1).padStart(3, "0")}` });
  }
  return out;
}

/** Reads a date in any of the bundled formats as YYYY-MM-DD (undefined when there is none). */
function readDate(text: string): string | undefined {
  const iso = /\b(\d{4})-(\d{2})-(\d{2})\b/.exec(text);
  if (iso) return iso[0];
  const us = /\b(\d{2})\/(\d{2})\/(\d{4})\b/.exec(text);
  if (us) return `${us[3]}-${us[1]}-${us[2]}`;
  const month = `(${MONTHS.join("|")})`;
  const long = new RegExp(`${month} (\\d{1,2}), (\\d{4})`).exec(text);
  if (long) return `${long[3]}-${pad(MONTHS.indexOf(long[1]!) + 1)}-${pad(Number(long[2]))}`;
  const dayFirst = new RegExp(`(\\d{1,2}) ${month} (\\d{4})`).exec(text);
  if (dayFirst) return `${dayFirst[3]}-${pad(MONTHS.indexOf(dayFirst[2]!) + 1)}-${pad(Number(dayFirst[1]))}`;
  return undefined;
}

let rows: TaskRow[] | undefined;
let demos: TaskRow[] | undefined;

export const extract: SimTask = {
  name: "extract",
  field: "text",
  rows: () => {
    rows ??= generate(0xe7, "extract", 120, new Set());
    return rows;
  },
  demos: () => {
    demos ??= generate(0xde407, "extract-demo", 8, new Set(extract.rows().map((x) => x.text)));
    return demos;
  },
  instructions: [/YYYY-MM-DD|ISO[ -]?8601/i],
  recognise: (text) => /\bamount\b/i.test(text) && /\bdate\b/i.test(text),
  guess(text) {
    const names = [...text.matchAll(/\b([A-Z][a-z]+ [A-Z][a-z]+)\b/g)].map((m) => m[1]!);
    const name = names.find((n) => !MONTHS.some((mo) => n.includes(mo))) ?? "";
    const amountText = /\$([\d,]+(?:\.\d+)?)|([\d,]+(?:\.\d+)?) (?:USD|dollars)/.exec(text);
    const amount = Number((amountText?.[1] ?? amountText?.[2] ?? "0").replaceAll(",", ""));
    const truth: ExtractFields = { name, date: readDate(text) ?? "", amount };
    return {
      id: "unknown",
      text,
      expected: truth,
      category: "unknown",
      difficulty: 1.5,
      wrong: [{ ...truth, amount: amount + 100 }],
    };
  },
  wrongAnswer(row, features, u) {
    if (!features.instructions && row.writtenDate !== undefined) return row.wrong[0]!;
    return row.wrong[Math.floor(u * row.wrong.length)]!;
  },
  slots: (answer: Answer) => {
    const f = answer as ExtractFields;
    return { name: f.name, date: f.date, amount: f.amount };
  },
  text: (slots: Slots) => JSON.stringify({ name: slots.name, date: slots.date, amount: slots.amount }),
  prose: (slots: Slots) =>
    `The payer is ${slots.name}, the date is ${slots.date} and the amount is ${slots.amount}.`,
};
