// Tests of the core's OpenAI generator hand it a client built by the project's one client
// factory, so they exercise the SDK options production uses (nothing read from process.env,
// SDK logging off). The core itself never imports bot/platform; its tests reach it from here.
import type OpenAI from "openai";
import { createOpenAIClient, type OpenAIClientOptions } from "../../platform/openai-client.js";

export function testOpenAIClient(options: OpenAIClientOptions): OpenAI {
  return createOpenAIClient(options);
}
