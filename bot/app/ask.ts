// `npm run -s ask -- "question" [--json] [--kind glossary]` answers one question;
// `--jsonl` reads {"q": "..."} lines on stdin and writes one Answer JSON per line, in order.
import { parseAskArgs, runAsk } from "../surfaces/terminal/ask-command.js";
import { endQuietlyWhenStdoutCloses } from "../platform/process-guards.js";
import { openGuideForCli } from "./open-guide-for-cli.js";

endQuietlyWhenStdoutCloses();

const options = parseAskArgs(process.argv);
const { guide } = await openGuideForCli();
await runAsk(guide, options);
