/**
 * oidc-provider 9 ships no TypeScript types (and @types/oidc-provider is not installed), so this
 * declares only the surface the stand-in uses. Values we don't inspect stay `unknown`.
 */
declare module "oidc-provider" {
  import type { IncomingMessage, ServerResponse } from "node:http";

  export interface AdapterPayload {
    [key: string]: unknown;
    jti?: string;
    uid?: string;
    grantId?: string;
    userCode?: string;
    accountId?: string;
    consumed?: number;
    authorizations?: Record<string, { sid?: string; grantId?: string; persistsLogout?: boolean }>;
  }

  export interface Adapter {
    upsert(id: string, payload: AdapterPayload, expiresIn?: number): Promise<void>;
    find(id: string): Promise<AdapterPayload | undefined>;
    findByUserCode(userCode: string): Promise<AdapterPayload | undefined>;
    findByUid(uid: string): Promise<AdapterPayload | undefined>;
    consume(id: string): Promise<void>;
    destroy(id: string): Promise<void>;
    revokeByGrantId(grantId: string): Promise<void>;
  }

  export interface Account {
    accountId: string;
    claims(use: string, scope: string, claims: unknown, rejected: string[]): Promise<Record<string, unknown>>;
  }

  /** The token handed to findAccount: an AuthorizationCode (token endpoint) or AccessToken (userinfo). */
  export interface FindAccountToken {
    grantId?: string;
    sessionUid?: string;
    scope?: string;
  }

  export interface OidcContext {
    route: string;
    issuer: string;
    urlFor(name: string, opts?: Record<string, string>): string;
  }

  export interface KoaLikeContext {
    oidc: OidcContext;
    host: string;
    type: string;
    body: unknown;
    status: number;
  }

  export interface InteractionDetails {
    uid: string;
    prompt: { name: string; reasons: string[]; details: Record<string, unknown> };
    params: Record<string, unknown>;
    session?: { accountId?: string; uid: string; cookie?: string };
    grantId?: string;
    returnTo: string;
  }

  export interface InteractionResults {
    login?: { accountId: string; acr?: string; amr?: string[]; remember?: boolean; ts?: number };
    consent?: { grantId?: string };
    error?: string;
    error_description?: string;
  }

  export interface GrantInstance {
    jti: string;
    accountId: string;
    clientId: string;
    addOIDCScope(scope: string): void;
    save(): Promise<string>;
    destroy(): Promise<void>;
  }

  export interface ClientInstance {
    clientId: string;
    backchannelLogout(sub: string, sid: string): Promise<void>;
  }

  export type Configuration = Record<string, unknown>;

  export class Provider {
    constructor(issuer: string, configuration: Configuration);
    readonly issuer: string;
    keys: string[];
    proxy: boolean;
    callback(): (req: IncomingMessage, res: ServerResponse) => Promise<void>;
    interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<InteractionDetails>;
    interactionFinished(
      req: IncomingMessage,
      res: ServerResponse,
      result: InteractionResults,
      options?: { mergeWithLastSubmission?: boolean },
    ): Promise<void>;
    Grant: {
      new (init: { accountId: string; clientId: string }): GrantInstance;
      find(id: string): Promise<GrantInstance | undefined>;
    };
    Client: { find(id: string): Promise<ClientInstance | undefined> };
    on(event: string, listener: (...args: unknown[]) => void): this;
  }

  export const errors: {
    InvalidClientAuth: new (description: string) => Error;
  };

  export default Provider;
}
