// People paste things into questions, tokens included ("why does xoxb-… get invalid_auth?"),
// and a question can reach a log line (feedback events carry it, bolt and the Web API client
// log free text). pino's path redaction only censors known keys, never words inside a value,
// so every log line that can carry user text (the Slack surface's feedback and library logs) (or text we did not write)
// passes it through this one function first. It errs towards redacting: a log line that
// loses a long random-looking word costs nothing; a token in a log is a leaked credential.

export const REDACTED = "[redacted]";

/** Shapes with a known prefix, most specific first. */
const KNOWN_SHAPES: Array<[RegExp, string]> = [
  // An Authorization header's value, whatever its scheme.
  [/\b(Authorization\s*:\s*)(?:(?:Bearer|Basic|Token)\s+)?[^\s"',;]+/gi, `$1${REDACTED}`],
  // "Bearer …" anywhere: keep the word, drop the credential (one with a digit or a symbol,
  // so "bearer responsibility" stays).
  [/\b(Bearer)\s+(?=[A-Za-z0-9._~+/=-]*[0-9._~+/=])[A-Za-z0-9._~+/=-]{8,}/gi, `$1 ${REDACTED}`],
  // Slack bot, user, app-level, config and refresh tokens: xoxb-, xoxp-, xoxa-, xoxo-, xoxs-, xoxr-, xoxe-, xoxe.xoxp-, xapp-.
  [/\bx(?:ox[a-z](?:\.xox[a-z])?|app)-[A-Za-z0-9-]+/g, REDACTED],
  // Slack incoming-webhook URLs carry their secret in the path.
  [/(hooks\.slack(?:-gov)?\.com\/(?:services|workflows|triggers)\/)[A-Za-z0-9/_-]+/g, `$1${REDACTED}`],
  // OpenAI and similar API keys (sk-…, sk-proj-…), Stripe-style secret and restricted keys.
  [/\bsk-[A-Za-z0-9_-]{16,}/g, REDACTED],
  [/\b[sr]k_(?:live|test)_[A-Za-z0-9]{16,}/g, REDACTED],
  // GitHub tokens, AWS access key ids.
  [/\b(?:gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,})/g, REDACTED],
  [/\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g, REDACTED],
  // JSON Web Tokens (three base64url parts, the first a JSON header).
  [/\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/g, REDACTED],
  // password=…, api_key: …, secret=…
  [/\b(password|passwd|secret|api[_-]?key|access[_-]?token|client[_-]?secret)(\s*[=:]\s*)[^\s"',;]{6,}/gi, `$1$2${REDACTED}`],
];

/** Hex secrets (signing secrets, API keys, digests used as keys): 32 or more hex digits. */
const LONG_HEX = /\b[0-9A-Fa-f]{32,}\b/g;
/** Candidate base64/base64url secrets; kept only when they look random (see looksRandom). */
const LONG_BASE64 = /[A-Za-z0-9+/_-]{32,}={0,2}/g;

/** Replaces every token-shaped string in `text` with "[redacted]". */
export function redactSecrets(text: string): string {
  let out = text;
  for (const [pattern, replacement] of KNOWN_SHAPES) out = out.replace(pattern, replacement);
  out = out.replace(LONG_HEX, REDACTED);
  return out.replace(LONG_BASE64, (run) => (looksRandom(run) ? REDACTED : run));
}

/**
 * A random base64 string mixes upper case, lower case and digits and switches between them
 * about every other character; words, CamelCase names and URL paths rarely do. Threshold:
 * a switch at least every four characters (random 32-character base64 averages about 20).
 */
function looksRandom(run: string): boolean {
  if (!/[A-Z]/.test(run) || !/[a-z]/.test(run) || !/[0-9]/.test(run)) return false;
  let switches = 0;
  for (let i = 1; i < run.length; i += 1) if (classOf(run.charCodeAt(i)) !== classOf(run.charCodeAt(i - 1))) switches += 1;
  return switches >= run.length / 4;
}

function classOf(code: number): number {
  if (code >= 0x30 && code <= 0x39) return 0;
  if (code >= 0x41 && code <= 0x5a) return 1;
  if (code >= 0x61 && code <= 0x7a) return 2;
  return 3;
}
