// A security rule, not a topic list: questions that ask the assistant about its own
// instructions, configuration or secrets, or tell it to drop its instructions, are refused
// before retrieval. The corpus never answers them, and they must never reach a model.
const ABOUT_THE_ASSISTANT: RegExp[] = [
  /\b(?:system|hidden|initial|original|developer|secret)\s+(?:prompt|instructions?|message|rules)\b/i,
  /\byour\s+(?:own\s+)?(?:prompt|instructions?|rules|configuration|config|settings|api\s*keys?|secrets?|tokens?|environment|credentials|guidelines)\b/i,
  /\b(?:api\s*keys?|access\s+tokens?|bot\s+tokens?|signing\s+secrets?|env(?:ironment)?\s+variables?|\.env\b|openai_api_key|slack_bot_token|microsoftapppassword)\b/i,
  /\b(?:ignore|disregard|forget|override)\s+(?:all\s+|any\s+|your\s+|the\s+)*(?:previous|prior|above|earlier|original)?\s*(?:instructions|rules|prompts?|guidelines)\b/i,
];

export function asksAboutTheAssistant(question: string): boolean {
  return ABOUT_THE_ASSISTANT.some((pattern) => pattern.test(question));
}
