import Handlebars from "handlebars";
import { describe, expect, it } from "vitest";
import {
  formatToHandlebars,
  jinjaToHandlebars,
  TemplateProblem,
  templateSyntax,
  toHandlebars,
} from "./jinja.js";

const hbs = Handlebars.create();
const render = (template: string, vars: Record<string, unknown>) =>
  hbs.compile(template, { noEscape: true })(vars);

function problem(text: string): TemplateProblem {
  try {
    toHandlebars(text);
  } catch (error) {
    if (error instanceof TemplateProblem) return error;
    throw error;
  }
  throw new Error("expected a TemplateProblem");
}

describe("templateSyntax: the rule of Python FlowPrompt", () => {
  it("is Jinja with {{ or {%, str.format with other braces, plain otherwise", () => {
    expect(templateSyntax("Hi {{ name }}")).toBe("jinja");
    expect(templateSyntax("{% if x %}y{% endif %}")).toBe("jinja");
    expect(templateSyntax("Hi {name}")).toBe("format");
    expect(templateSyntax("Hi there")).toBe("plain");
  });
});

describe("Python str.format fields", () => {
  it("become Handlebars variables", () => {
    expect(formatToHandlebars("Extract from: {text}")).toBe("Extract from: {{text}}");
    expect(formatToHandlebars("{user.name} / {items[0]} / {d[key]}")).toBe(
      "{{user.name}} / {{items.[0]}} / {{d.[key]}}",
    );
    expect(
      render(formatToHandlebars("{user.name} / {items[0]}"), { user: { name: "Ada" }, items: ["a"] }),
    ).toBe("Ada / a");
  });

  it("leave braces that are not fields alone (JSON examples)", () => {
    const t = 'Reply like {"label": "spam"} for {text}';
    expect(toHandlebars(t)).toBe('Reply like {"label": "spam"} for {{text}}');
    expect(render(toHandlebars(t), { text: "x" })).toBe('Reply like {"label": "spam"} for x');
  });

  it("keep a backslash before a field a backslash", () => {
    expect(render(toHandlebars("path\\{dir}"), { dir: "tmp" })).toBe("path\\tmp");
  });

  it("refuse positional fields and format specs", () => {
    expect(problem("a {} b").message).toBe('positional field "{}" is not supported');
    expect(problem("a {0} b").offset).toBe(2);
    expect(problem("total {amount:.2f}").message).toBe(
      'format conversion or spec in "{amount:.2f}" is not supported',
    );
    expect(problem("x {name!r}").message).toMatch(/format conversion/);
  });
});

describe("Jinja2 → Handlebars", () => {
  it("translates plain variables, paths and subscripts", () => {
    expect(jinjaToHandlebars("Summarize: {{ article }}")).toBe("Summarize: {{article}}");
    expect(jinjaToHandlebars("{{user.name}} {{ items[0] }} {{ d['k'] }} {{ d[\"k\"] }}")).toBe(
      "{{user.name}} {{items.[0]}} {{d.[k]}} {{d.[k]}}",
    );
  });

  it("translates for loops with block parameters; outer variables climb out of the loop", () => {
    const t = "{% for doc in docs %}- {{ doc.title }} ({{ lang }}){% endfor %}";
    const h = jinjaToHandlebars(t);
    expect(h).toBe("{{#each docs as |doc|}}- {{doc.title}} ({{../lang}}){{/each}}");
    expect(render(h, { docs: [{ title: "A" }, { title: "B" }], lang: "en" })).toBe("- A (en)- B (en)");
  });

  it("translates nested loops, loop variables and for-else", () => {
    const t =
      "{% for g in groups %}{{ g.name }}:{% for m in g.members %}{{ m }}{% if not loop.last %},{% endif %}{% endfor %};" +
      "{{ sep }}{% else %}none{{ sep }}{% endfor %}";
    const h = jinjaToHandlebars(t);
    expect(h).toBe(
      "{{#each groups as |g|}}{{g.name}}:{{#each g.members as |m|}}{{m}}{{#unless @last}},{{/unless}}{{/each}};" +
        "{{../sep}}{{else}}none{{sep}}{{/each}}",
    );
    const groups = [
      { name: "a", members: ["x", "y"] },
      { name: "b", members: ["z"] },
    ];
    expect(render(h, { groups, sep: "|" })).toBe("a:x,y;|b:z;|");
    expect(render(h, { groups: [], sep: "|" })).toBe("none|");
    expect(
      render(jinjaToHandlebars("{% for x in xs %}{{ loop.index0 }}{{ x }}{% endfor %}"), { xs: ["a", "b"] }),
    ).toBe("0a1b");
  });

  it("translates if / elif / else / not", () => {
    const t = "{% if urgent %}NOW{% elif not calm %}soon{% elif later %}later{% else %}whenever{% endif %}";
    const h = jinjaToHandlebars(t);
    expect(h).toBe("{{#if urgent}}NOW{{else unless calm}}soon{{else if later}}later{{else}}whenever{{/if}}");
    expect(render(h, { urgent: true })).toBe("NOW");
    expect(render(h, { calm: false })).toBe("soon");
    expect(render(h, { calm: true, later: 1 })).toBe("later");
    expect(render(h, { calm: true })).toBe("whenever");
  });

  it("keeps whitespace control, comments, raw blocks and line breaks", () => {
    expect(jinjaToHandlebars("a {%- if x -%} b {%- endif %}")).toBe("a {{~#if x~}} b {{~/if}}");
    expect(jinjaToHandlebars("{{- name -}}")).toBe("{{~name~}}");
    expect(jinjaToHandlebars("a{# note\nmore #}b")).toBe("a{{!-- note\nmore --}}b");
    const raw = jinjaToHandlebars("{% raw %}{{ not_a_var }}{% endraw %}");
    expect(render(raw, {})).toBe("{{ not_a_var }}");
    const multi = "line1 {{ a }}\n{% for x in xs %}\n{{ x }}\n{% endfor %}\nend";
    expect(jinjaToHandlebars(multi).split("\n")).toHaveLength(multi.split("\n").length);
  });

  it("passes Handlebars written directly through", () => {
    const t = '{{role "system"}}Be brief.{{role "user"}}{{#each xs}}{{this}}{{/each}} {{history}} {{ name }}';
    expect(jinjaToHandlebars(t)).toBe(
      '{{role "system"}}Be brief.{{role "user"}}{{#each xs}}{{this}}{{/each}} {{history}} {{name}}',
    );
  });

  it("refuses filters, expressions, unsupported tags and conditions, with their offsets", () => {
    const f = problem("Hello\n{{ name | upper }}");
    expect([f.message, f.offset]).toEqual([
      'Jinja filter "| upper" in "{{ name | upper }}" is not supported',
      6,
    ]);
    expect(problem("{{ a + b }}").message).toBe('unsupported Jinja expression "{{ a + b }}"');
    expect(problem("x{% set y = 1 %}").message).toBe('Jinja "{% set %}" is not supported');
    expect(problem("x{% set y = 1 %}").offset).toBe(1);
    expect(problem("{% include 'a.txt' %}").message).toBe('Jinja "{% include %}" is not supported');
    expect(problem('{% if x == "a" %}y{% endif %}').message).toBe(
      'unsupported condition in "{% if x == "a" %}"',
    );
    expect(problem("{% for k, v in d.items() %}{% endfor %}").message).toBe(
      'unsupported loop "{% for k, v in d.items() %}"',
    );
    expect(problem("{% for x in xs %}{{ loop.index }}{% endfor %}").hint).toMatch(/loop.index0/);
    expect(problem("{{ loop.first }}").message).toBe('"loop.first" is used outside a {% for %} loop');
  });

  it("refuses unbalanced blocks", () => {
    const open = problem("a\n{% for x in xs %}\n{{ x }}");
    expect([open.message, open.offset]).toEqual(['"{% for %}" is never closed with "{% endfor %}"', 2]);
    expect(problem("{% if a %}x").message).toBe('"{% if %}" is never closed with "{% endif %}"');
    expect(problem("{% endif %}").message).toBe('"{% endif %}" does not match: there is no open block');
    expect(problem("{% for x in xs %}{% endif %}").message).toBe(
      '"{% endif %}" does not match: there is an open {% for %}',
    );
    expect(problem("{% if a %}{% else %}{% else %}{% endif %}").message).toMatch(
      /"\{% else %\}" does not match/,
    );
    expect(problem("{{ name ").message).toBe('"{{" is never closed with "}}"');
  });
});
