// The one way this project builds an OpenAI SDK client (generator, embedder, eval judge):
// every option the SDK would otherwise read from process.env is given explicitly, and its own
// console logging is off, since our logs are structured and written by the core.
import OpenAI, { type ClientOptions } from "openai";

export interface OpenAIClientOptions {
  apiKey: string;
  /** An OpenAI-compatible server; unset means api.openai.com. */
  baseURL?: string;
  timeoutMs: number;
  maxRetries: number;
  /** Replaces the global fetch, e.g. for a proxy. */
  fetch?: ClientOptions["fetch"];
}

export function createOpenAIClient(options: OpenAIClientOptions): OpenAI {
  return new OpenAI({
    apiKey: options.apiKey,
    baseURL: options.baseURL ?? null,
    adminAPIKey: null,
    organization: null,
    project: null,
    webhookSecret: null,
    timeout: options.timeoutMs,
    maxRetries: options.maxRetries,
    logLevel: "off",
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
}
