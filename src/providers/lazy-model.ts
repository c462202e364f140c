import type {
  LanguageModelV4,
  LanguageModelV4CallOptions,
  LanguageModelV4GenerateResult,
  LanguageModelV4StreamResult,
} from "@ai-sdk/provider";
import { FlowPromptError } from "../core/errors/flowprompt-error.js";
import { MissingApiKeyError } from "../core/errors/missing-api-key-error.js";
import { ProviderNotInstalledError } from "../core/errors/provider-not-installed-error.js";
import { ProviderUnreachableError } from "../core/errors/provider-unreachable-error.js";
import type { ProviderFactory } from "../core/model-registry.js";
import {
  env,
  type ProviderName,
  type ProviderSettings,
  providerSettings,
  settingsGeneration,
} from "./settings.js";

export type SettingsOf<K extends ProviderName> = NonNullable<ProviderSettings[K]>;

/** How one built-in provider turns settings into a real AI SDK model. */
export interface ProviderDefinition<K extends ProviderName, M> {
  name: K;
  packageName: string;
  /** The literal `() => import("@ai-sdk/…")`, called on the first model call only. */
  importer: () => Promise<M>;
  /** Environment variables read by this provider (FlowPrompt or the package); a change rebuilds the model. */
  envVars: readonly string[];
  /** The variable holding the API key, named when the key is missing. */
  keyEnvVar?: string;
  /** The `provider` the real model reports, e.g. "openai.responses". */
  reports: (settings: SettingsOf<K>) => string;
  /** Runs before every call; throws a FlowPromptError when the call cannot work (no key, no base URL). */
  check: (settings: SettingsOf<K>) => void;
  /** The provider function of the loaded package, set up with the settings. */
  create: (pkg: M, settings: SettingsOf<K>) => (modelId: string) => LanguageModelV4;
}

export interface BuiltinProvider<K extends ProviderName> {
  name: K;
  packageName: string;
  /** What `registerProvider(name, …)` gets: `"<name>:<model-id>"` → a lazily loading model. */
  factory: ProviderFactory;
  /** A model with its own settings, merged over the configured ones. */
  model(modelId: string, settings?: SettingsOf<K>): LanguageModelV4;
}

export function defineProvider<K extends ProviderName, M>(def: ProviderDefinition<K, M>): BuiltinProvider<K> {
  return {
    name: def.name,
    packageName: def.packageName,
    factory: (modelId) => new LazyModel(def, modelId, undefined),
    model: (modelId, settings) => new LazyModel(def, modelId, settings),
  };
}

/**
 * A LanguageModelV4 made synchronously from a model string. Its package is imported, and the real
 * model built, on the first call (so `import "flowprompt"` stays fast), then reused until the
 * settings or the provider's environment variables change.
 */
class LazyModel<K extends ProviderName, M> implements LanguageModelV4 {
  readonly specificationVersion = "v4";
  readonly modelId: string;
  readonly #def: ProviderDefinition<K, M>;
  readonly #explicit: SettingsOf<K> | undefined;
  #built: { stamp: string; model: Promise<LanguageModelV4> } | undefined;

  constructor(def: ProviderDefinition<K, M>, modelId: string, explicit: SettingsOf<K> | undefined) {
    this.#def = def;
    this.modelId = modelId;
    this.#explicit = explicit;
  }

  get provider(): string {
    return this.#def.reports(this.#settings());
  }

  /** The real model's supported URLs; loads the package. */
  get supportedUrls(): PromiseLike<Record<string, RegExp[]>> {
    return this.#model().then((model) => model.supportedUrls);
  }

  async doGenerate(options: LanguageModelV4CallOptions): Promise<LanguageModelV4GenerateResult> {
    try {
      const model = await this.#ready();
      return await model.doGenerate(options);
    } catch (error) {
      throw this.#mapError(error);
    }
  }

  async doStream(options: LanguageModelV4CallOptions): Promise<LanguageModelV4StreamResult> {
    try {
      const model = await this.#ready();
      return await model.doStream(options);
    } catch (error) {
      throw this.#mapError(error);
    }
  }

  #settings(): SettingsOf<K> {
    const configured = (providerSettings()[this.#def.name] ?? {}) as SettingsOf<K>;
    return this.#explicit ? { ...configured, ...this.#explicit } : configured;
  }

  #ready(): Promise<LanguageModelV4> {
    this.#def.check(this.#settings());
    return this.#model();
  }

  #model(): Promise<LanguageModelV4> {
    const stamp = `${settingsGeneration()}\0${this.#def.envVars.map((name) => env(name) ?? "").join("\0")}`;
    if (this.#built?.stamp !== stamp) {
      const def = this.#def;
      const settings = this.#settings();
      const model = loadPackage(def.name, def.packageName, def.importer).then((pkg) =>
        def.create(pkg, settings)(this.modelId),
      );
      const built = { stamp, model };
      // A failure is not kept: the next call tries again.
      model.catch(() => {
        if (this.#built === built) this.#built = undefined;
      });
      this.#built = built;
    }
    return this.#built.model;
  }

  #mapError(error: unknown): unknown {
    if (FlowPromptError.isInstance(error)) return error;
    const e = error as { name?: unknown; statusCode?: unknown; url?: unknown } | null;
    if (e?.name === "AI_LoadAPIKeyError" && this.#def.keyEnvVar) {
      return new MissingApiKeyError(this.#def.name, this.#def.keyEnvVar, error);
    }
    // An API call error without a status: no HTTP response arrived (refused, reset, DNS, TLS).
    if (e?.name === "AI_APICallError" && e.statusCode === undefined) {
      const url = typeof e.url === "string" ? e.url : undefined;
      return new ProviderUnreachableError(`${this.#def.name}:${this.modelId}`, url, error);
    }
    return error;
  }
}

/** Throws MissingApiKeyError unless the settings or the environment hold a key. */
export function requireKey(provider: string, apiKey: string | undefined, envVar: string): void {
  if (!apiKey && !env(envVar)) throw new MissingApiKeyError(provider, envVar);
}

/** Imports a provider package by name; replaceable in tests (see `setPackageImporter`). */
export type PackageImporter = (packageName: string) => Promise<unknown>;

let override: PackageImporter | undefined;
const loaded = new Map<string, Promise<unknown>>();

/**
 * Replaces how provider packages are imported (tests simulate a missing package with it);
 * `undefined` restores the real `import()`. Clears the packages loaded so far.
 */
export function setPackageImporter(importer: PackageImporter | undefined): void {
  override = importer;
  loaded.clear();
}

/**
 * Imports a provider's AI SDK package once (`importer` is the literal `import("@ai-sdk/…")`, kept
 * literal so bundlers see it). A package that is not installed is a ProviderNotInstalledError with
 * the install command; a failed import is not cached, so installing the package and retrying works.
 */
export function loadPackage<M>(
  provider: string,
  packageName: string,
  importer: () => Promise<M>,
): Promise<M> {
  let promise = loaded.get(packageName) as Promise<M> | undefined;
  if (!promise) {
    const attempt = override ? (override(packageName) as Promise<M>) : importer();
    promise = attempt.catch((error: unknown) => {
      loaded.delete(packageName);
      throw isNotFound(error, packageName)
        ? new ProviderNotInstalledError(provider, packageName, error)
        : error;
    });
    loaded.set(packageName, promise);
  }
  return promise;
}

function isNotFound(error: unknown, packageName: string): boolean {
  const e = error as { code?: unknown; message?: unknown } | null;
  if (e?.code === "ERR_MODULE_NOT_FOUND" || e?.code === "MODULE_NOT_FOUND") return true;
  const message = typeof e?.message === "string" ? e.message : "";
  return message.includes(packageName) && /cannot find|not found|failed to (load|resolve)/i.test(message);
}
