// Government networks often reach the internet only through a forward proxy. Slack's Web
// API client, bolt's response_url replies, the LLM client, the Teams signing-key and token
// fetches all go through Node's fetch, which ignores HTTPS_PROXY on its own (Node 20).
// Socket Mode's WebSocket is opened with an Agent of @slack/socket-mode's own unless it is
// given a dispatcher, so the Slack surface passes it outboundProxyDispatcher(). Installing undici's EnvHttpProxyAgent as the global dispatcher sends every
// one of them through the proxy named in config (HTTPS_PROXY / HTTP_PROXY, minus NO_PROXY).
// botbuilder's connector (the replies to the activity's serviceUrl) uses Azure's HTTP
// pipeline, which reads the same HTTPS_PROXY / NO_PROXY variables from the environment itself.
import { EnvHttpProxyAgent, getGlobalDispatcher, setGlobalDispatcher, type Dispatcher } from "undici";
import type { Config } from "./config.js";
import type { Logger } from "./logger.js";

/** The proxy's address without any user:password part, for logs. */
export function proxyForLog(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}`;
  } catch {
    return "[unparseable]";
  }
}

let installed: Dispatcher | undefined;

/** The proxy dispatcher useOutboundProxy installed, for clients that take their own (Socket Mode); undefined without a proxy. */
export function outboundProxyDispatcher(): Dispatcher | undefined {
  return installed;
}

/**
 * Routes every fetch (and undici WebSocket) in this process through `proxy`, when set.
 * Returns a function that puts back the dispatcher that was there before (for tests).
 */
export function useOutboundProxy(proxy: Config["proxy"], logger: Logger): () => void {
  if (!proxy) return () => {};
  const previous: Dispatcher = getGlobalDispatcher();
  const agent = new EnvHttpProxyAgent({
    httpsProxy: proxy.httpsProxy ?? proxy.httpProxy,
    httpProxy: proxy.httpProxy ?? proxy.httpsProxy,
    noProxy: proxy.noProxy ?? "",
  });
  setGlobalDispatcher(agent);
  installed = agent;
  logger.info(
    {
      event: "outbound_proxy",
      httpsProxy: proxyForLog(proxy.httpsProxy ?? proxy.httpProxy ?? ""),
      noProxy: proxy.noProxy ?? "",
    },
    `outbound HTTPS goes through the proxy at ${proxyForLog(proxy.httpsProxy ?? proxy.httpProxy ?? "")}`,
  );
  return () => {
    setGlobalDispatcher(previous);
    installed = undefined;
    void agent.close();
  };
}
