import { describe, expect, it } from "vitest";
import { smallTalk } from "./small-talk.js";

const kind = (q: string) => smallTalk(q)?.kind ?? null;

describe("smallTalk", () => {
  it("recognises greetings, thanks and calls for help however they are written", () => {
    for (const q of ["hi", "Hello there!", "hey guide", "good morning"]) expect(kind(q), q).toBe("greeting");
    for (const q of ["thanks", "Thank you so much!", "thx, that was helpful", "ok thanks"]) expect(kind(q), q).toBe("thanks");
    for (const q of ["help", "help please", "how does this work? help"]) expect(kind(q), q).toBe("help");
    for (const q of ["How are you today?", "hey hows it going", "Happy Friday, practice guide!"]) expect(kind(q), q).toBe("greeting");
    for (const q of ["That's all I needed, have a good one!", "lol nvm", "Good night!", "Thank you, that was really helpful.", "👍"]) expect(kind(q), q).toBe("thanks");
    for (const q of ["Who made you?", "What can you do?", "What kind of questions should I ask you?", "Are you a real person or a bot?", "What's your name?", "test"]) expect(kind(q), q).toBe("help");
  });

  it("does not take a follow-up asking for more for small talk", () => {
    for (const q of ["Can you give me an example?", "tell me more", "what about the management side?"]) expect(kind(q), q).toBeNull();
  });

  it("tells a question in another language that the guide answers in English", () => {
    for (const q of ["¿Qué recomienda el kit de herramientas sobre la contratación?", "Quelles sont les pratiques de leadership pour les villes?", "Что такое справедливость?", "Wie kann ich die Gleichstellung in meiner Stadt fördern?", "Hola, ¿cómo estás?", "你好", "如何下载ICMA Connect手机应用？", "O que é o ICMA Equity Officer Institute?", "Ano ang ibig sabihin ng equity?"])
      expect(kind(q), q).toBe("not-english");
  });

  it("leaves real questions alone, typos, names and corpus words included", () => {
    for (const q of [
      "hi, what does the toolkit recommend for hiring?",
      "thanks - and what about succession planing?",
      "how do I help my staff deal with implicit bias",
      "wat does ICMA say abot ethcs for managers",
      "What is the ICMA Equity Officer Institute?",
      "DEI officer in Tulsa wants to know about affinity groups",
      "recuriting retainng and developing a talanted workforce",
      "understnding the politcal enviroment",
    ])
      expect(kind(q), q).toBeNull();
  });
});
