// A security rule, not a topic list: questions that ask the assistant about its own
// instructions, configuration or secrets, or tell it to drop its instructions, are refused
// before retrieval. The corpus never answers them, and they must never reach a model.
const ABOUT_THE_ASSISTANT: RegExp[] = [
  /\b(?:system|hidden|initial|original|developer|secret)\s+(?:prompt|instructions?|message|rules)\b/i,
  /\byour\s+(?:own\s+)?(?:prompt|instructions?|rules|configuration|config|settings|api\s*keys?|secrets?|tokens?|credentials|guidelines)\b/i,
  /\b(?:api\s*keys?|access\s+tokens?|bot\s+tokens?|signing\s+secrets?|env(?:ironment)?\s+variables?|\.env\b|openai_api_key|slack_bot_token|microsoftapppassword)\b/i,
  /\b(?:ignore|disregard|forget|override|skip|bypass|drop)\s+(?:all\s+|any\s+|your\s+|the\s+|of\s+)*(?:previous|prior|above|earlier|original|source|safety)?\s*(?:instructions|rules|prompts?|guidelines|guardrails|restrictions|limits|filters)\b/i,
  // Role-play and notes addressed to the assistant inside a question.
  /\b(?:stop\s+being\s+(?:a|the)\b|you\s+are\s+now\b|from\s+now\s+on\s+you\b|developer\s+mode|jailbreak|note\s+to\s+(?:the\s+)?(?:assistant|ai|bot|model))/i,
  /\b(?:list|show|print|dump)\s+(?:me\s+)?(?:every|all|the)\s+(?:files?|folders?)\b|\byour\s+(?:corpus|source)\s+(?:folder|directory|files)\b/i,
];

export function asksAboutTheAssistant(question: string): boolean {
  return ABOUT_THE_ASSISTANT.some((pattern) => pattern.test(question));
}
