// botbuilder 4.23.3 serialises outgoing activities with @azure/core-client, whose array
// serialiser swaps the `entities` element mapper for the registered `Entity` model. That model
// declares only type/text/mentioned and no additionalProperties, so every other entity field
// is silently dropped on the wire: Teams would receive `{ type: "https://schema.org/Message" }`
// with no citations and no AI label. Upstream fixed this by declaring additionalProperties on
// the Entity model (microsoft/botbuilder-js PR #4903), which no released botbuilder has yet;
// this applies the same one-line change to the loaded model. The endpoint test checks the
// wire payload, so a botbuilder upgrade that changes this fails loudly rather than silently.
import { createRequire } from "node:module";

interface CompositeMapperLike {
  type: { name: string; className?: string; additionalProperties?: unknown };
}

const require = createRequire(import.meta.url);

/** Makes the connector keep every property of outgoing activity entities. Idempotent. */
export function keepEntityPropertiesOnTheWire(): void {
  // Resolved through botbuilder so it is the exact connector copy botbuilder uses.
  const botbuilderPath = require.resolve("botbuilder");
  const connectorRequire = createRequire(botbuilderPath);
  const mappers = connectorRequire("botframework-connector/lib/connectorApi/models/mappers.js") as {
    Entity?: CompositeMapperLike;
  };
  const entity = mappers.Entity;
  if (!entity || entity.type.name !== "Composite" || entity.type.className !== "Entity") {
    throw new Error("botframework-connector's Entity mapper has an unexpected shape; check keep-entity-properties.ts");
  }
  entity.type.additionalProperties ??= { type: { name: "Object" } };
}
