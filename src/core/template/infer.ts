/**
 * Type-level reading of literal templates: `TemplateVars<"Hi {{name}}">` is `{ name: TemplateValue }`.
 * It follows the same rules as the run-time analysis (analyze.ts): variables inside {{#each}} and
 * {{#with}} blocks belong to the item; a variable only tested by {{#if}}/{{#unless}} is optional.
 */

/** What a plain `{{x}}` accepts: printed as text (objects and arrays are printed as JSON). */
export type TemplateValue = string | number | boolean | bigint | null | object;

type Ws = " " | "\n" | "\t" | "\r" | "~" | "{" | "}";
type TrimL<S extends string> = S extends `${Ws}${infer R}` ? TrimL<R> : S;
type TrimR<S extends string> = S extends `${infer R}${Ws}` ? TrimR<R> : S;
type Trim<S extends string> = TrimL<TrimR<S>>;
type Head<S extends string> = S extends `${infer H} ${string}`
  ? Head<H>
  : S extends `${infer H}.${string}`
    ? H
    : S;
type FirstWord<S extends string> = S extends `${infer W} ${string}` ? W : S;
type RestWords<S extends string> = S extends `${string} ${infer R}` ? R : "";
type Ident<S extends string> = S extends "" | `${"@" | '"' | "'" | "." | "this" | "../" | "(" | "-"}${string}`
  ? never
  : S extends `${number}` | "true" | "false" | "null" | "undefined" | "else"
    ? never
    : S extends `${string}=${string}`
      ? never
      : S;
type Helper = "role" | "history" | "media" | "json" | "section";
type ParamNames<S extends string> = S extends ""
  ? never
  : Ident<Head<FirstWord<S>>> | ParamNames<RestWords<S>>;

type Acc = { req: string; opt: string; depth: unknown[]; guards: string[] };
type Top<A extends Acc> = A["depth"] extends [] ? true : false;

/** Names used at the top level: required, unless an enclosing {{#if}} tests them (then optional). */
type Use<A extends Acc, N extends string> =
  Top<A> extends true
    ? {
        req: A["req"] | Exclude<N, A["guards"][number]>;
        opt: A["opt"] | Extract<N, A["guards"][number]>;
        depth: A["depth"];
        guards: A["guards"];
      }
    : A;

/** A tested name: optional, and a guard for what the block holds. */
type Test<A extends Acc, N extends string> = {
  req: A["req"];
  opt: Top<A> extends true ? A["opt"] | N : A["opt"];
  depth: A["depth"];
  guards: [...A["guards"], N];
};

type Pop<A extends Acc> = {
  req: A["req"];
  opt: A["opt"];
  depth: A["depth"];
  guards: A["guards"] extends [...infer R extends string[], string] ? R : [];
};

type Enter<A extends Acc, N extends string> = {
  req: Top<A> extends true ? A["req"] | N : A["req"];
  opt: A["opt"];
  depth: [...A["depth"], 1];
  guards: A["guards"];
};

type Leave<A extends Acc> = {
  req: A["req"];
  opt: A["opt"];
  depth: A["depth"] extends [unknown, ...infer R] ? R : [];
  guards: A["guards"];
};

type Step<T extends string, A extends Acc> = T extends
  | `!${string}`
  | `>${string}`
  | `else${string}`
  | `@${string}`
  ? A
  : T extends `#${infer B}`
    ? FirstWord<B> extends "each" | "with"
      ? Enter<A, Ident<Head<RestWords<B>>>>
      : FirstWord<B> extends "if" | "unless"
        ? Test<A, Ident<Head<RestWords<B>>>>
        : RestWords<B> extends ""
          ? Test<A, Ident<Head<B>>>
          : Use<A, ParamNames<RestWords<B>>>
    : T extends `/${infer E}`
      ? Trim<E> extends "each" | "with"
        ? Leave<A>
        : Pop<A>
      : T extends `^${infer V}`
        ? Test<A, Ident<Head<V>>>
        : FirstWord<T> extends Helper
          ? Use<A, ParamNames<RestWords<T>>>
          : T extends `${string} ${string}`
            ? Use<A, ParamNames<RestWords<T>>>
            : Use<A, Ident<Head<T>>>;

type Scan<S extends string, A extends Acc> = S extends `${string}{{${infer Tag}}}${infer Rest}`
  ? Scan<Rest, Step<Trim<Tag>, A>>
  : A;

type Result<A extends Acc> = { [K in A["req"]]: TemplateValue } & {
  [K in Exclude<A["opt"], A["req"]>]?: unknown;
};

type Simplify<T> = { [K in keyof T]: T[K] } & {};

/** The variables of one literal template; `Record<string, unknown>` for a non-literal `string`. */
export type TemplateVars<S> = S extends string
  ? string extends S
    ? Record<string, unknown>
    : Simplify<Result<Scan<S, { req: never; opt: never; depth: []; guards: [] }>>>
  : {};

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void
  ? I
  : never;

/** The variables of every template of a prompt config. */
export type ConfigVars<C> = Simplify<
  TemplateVars<C extends { system: infer S } ? S : undefined> &
    TemplateVars<C extends { user: infer S } ? S : undefined> &
    TemplateVars<C extends { template: infer S } ? S : undefined> &
    UnionToIntersection<
      C extends { messages: readonly (infer M)[] }
        ? M extends { content: infer S }
          ? TemplateVars<S>
          : {}
        : {}
    >
>;
