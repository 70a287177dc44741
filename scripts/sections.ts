// `npm run -s sections -- --json` prints every section as a JSON array (a public contract:
// evals and outside tools read the corpus this way); `--show <id>` prints one section.
import { Command } from "commander";
import { loadConfig } from "../bot/platform/config.js";
import { CorpusError, loadCorpus } from "../corpus/load-corpus.js";
import { endQuietlyWhenStdoutCloses } from "../bot/platform/process-guards.js";
import type { Section } from "../corpus/section.js";

const program = new Command("sections")
  .description("List the corpus sections")
  .option("--json", "print every section as a JSON array of {id, kind, title, text, parent, source}")
  .option("--show <id>", "print one section")
  .parse();
const opts = program.opts<{ json?: boolean; show?: string }>();
endQuietlyWhenStdoutCloses();

function publicShape(s: Section) {
  return { id: s.id, kind: s.kind, title: s.title, text: s.text, parent: s.parent, source: s.source };
}

let corpus;
try {
  corpus = loadCorpus(loadConfig().corpusDir);
} catch (error) {
  if (!(error instanceof CorpusError)) throw error;
  console.error(`Corpus error: ${error.message}`);
  process.exit(1);
}

if (opts.show) {
  const section = corpus.byId.get(opts.show);
  if (!section) {
    console.error(`No section "${opts.show}". Run \`npm run -s sections\` to list the ids.`);
    process.exit(1);
  }
  if (opts.json) console.log(JSON.stringify(publicShape(section), null, 2));
  else {
    const origin = section.source ? `${section.source.file}, lines ${section.source.lines.join("-")}` : "written for this guide (not from the sources)";
    console.log(`${section.id} (${section.kind})\n${section.title}\n${origin}${section.parent ? `\nparent: ${section.parent}` : ""}\n\n${section.text}`);
  }
} else if (opts.json) {
  console.log(JSON.stringify(corpus.sections.map(publicShape), null, 2));
} else {
  for (const s of corpus.sections) console.log(`${s.id.padEnd(52)} ${s.kind.padEnd(14)} ${s.title}`);
}
