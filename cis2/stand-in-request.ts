import type { IncomingMessage, ServerResponse } from "node:http";
import type { Provider } from "oidc-provider";
import type { StandInStore } from "./memory-store";

/** What the stand-in's server hands each of its own routes (admin, interactions). */
export interface StandInRequest {
  provider: Provider;
  store: StandInStore;
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
}
