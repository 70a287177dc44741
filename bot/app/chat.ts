// `npm start`: the interactive terminal chat. Builds the index first when there is none
// (openPracticeGuide does that), then answers until /quit or end of input.
import { runChat } from "../surfaces/terminal/chat-session.js";
import { openGuideForCli } from "./open-guide-for-cli.js";

console.error("Opening the Practice Guide (the first run builds the search index; this can take a minute)...");
const { guide } = await openGuideForCli();
await runChat(guide);
