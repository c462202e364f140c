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

type Acc = { req: string; opt: string; depth: unknown[] };

type Step<T extends string, A extends Acc> = T extends
  | `!${string}`
  | `>${string}`
  | `else${string}`
  | `@${string}`
  ? A
  : T extends `#${infer B}`
    ? FirstWord<B> extends "each" | "with"
      ? {
          req: A["depth"] extends [] ? A["req"] | Ident<Head<RestWords<B>>> : A["req"];
          opt: A["opt"];
          depth: [...A["depth"], 1];
        }
      : FirstWord<B> extends "if" | "unless"
        ? {
            req: A["req"];
            opt: A["depth"] extends [] ? A["opt"] | Ident<Head<RestWords<B>>> : A["opt"];
            depth: A["depth"];
          }
        : RestWords<B> extends ""
          ? {
              req: A["req"];
              opt: A["depth"] extends [] ? A["opt"] | Ident<Head<B>> : A["opt"];
              depth: A["depth"];
            }
          : {
              req: A["depth"] extends [] ? A["req"] | ParamNames<RestWords<B>> : A["req"];
              opt: A["opt"];
              depth: A["depth"];
            }
    : T extends `/${infer E}`
      ? Trim<E> extends "each" | "with"
        ? { req: A["req"]; opt: A["opt"]; depth: A["depth"] extends [unknown, ...infer R] ? R : [] }
        : A
      : T extends `^${infer V}`
        ? {
            req: A["req"];
            opt: A["depth"] extends [] ? A["opt"] | Ident<Head<V>> : A["opt"];
            depth: A["depth"];
          }
        : A["depth"] extends []
          ? FirstWord<T> extends Helper
            ? { req: A["req"] | ParamNames<RestWords<T>>; opt: A["opt"]; depth: A["depth"] }
            : T extends `${string} ${string}`
              ? { req: A["req"] | ParamNames<RestWords<T>>; opt: A["opt"]; depth: A["depth"] }
              : { req: A["req"] | Ident<Head<T>>; opt: A["opt"]; depth: A["depth"] }
          : A;

type Scan<S extends string, A extends Acc> = S extends `${string}{{${infer Tag}}}${infer Rest}`
  ? Scan<Rest, Step<Trim<Tag>, A>>
  : A;

type Result<A extends Acc> = { [K in Exclude<A["req"], A["opt"]>]: TemplateValue } & {
  [K in A["opt"]]?: unknown;
};

type Simplify<T> = { [K in keyof T]: T[K] } & {};

/** The variables of one literal template; `Record<string, unknown>` for a non-literal `string`. */
export type TemplateVars<S> = S extends string
  ? string extends S
    ? Record<string, unknown>
    : Simplify<Result<Scan<S, { req: never; opt: never; depth: [] }>>>
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
