import { CookieJar, form } from "@/cis2/test-support/cookie-jar";
import { INSTANCE_HEADER, SERVED_BY_HEADER } from "./round-robin-proxy";

/**
 * A browser stand-in for the live suites: one cookie jar (app and CIS2 stand-in share the host, as
 * in a browser), real HTTP to the app's public URL, the CIS2 stand-in's own sign-in pages, and the
 * same-origin header a page's fetch() sends. `instance` pins a request to one app instance behind
 * the round-robin proxy (unset: whichever instance is next).
 */
export interface RequestOptions {
  instance?: string;
  headers?: Record<string, string>;
}

export interface AppAnswer<T = unknown> {
  status: number;
  body: T;
  servedBy: string | null;
}

export class AppClient {
  readonly jar = new CookieJar();

  constructor(readonly baseUrl: string) {}

  private pin(url: URL, options: RequestOptions): Record<string, string> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.instance && url.origin === new URL(this.baseUrl).origin) headers[INSTANCE_HEADER] = options.instance;
    return headers;
  }

  async raw(path: string, init: RequestInit = {}, options: RequestOptions = {}): Promise<Response> {
    const url = new URL(path, this.baseUrl);
    const headers = new Headers(init.headers);
    for (const [name, value] of Object.entries(this.pin(url, options))) headers.set(name, value);
    return this.jar.fetch(url, { ...init, headers });
  }

  async get<T = unknown>(path: string, options: RequestOptions = {}): Promise<AppAnswer<T>> {
    return answerOf<T>(await this.raw(path, {}, options));
  }

  /** A JSON POST as the app's own pages send it (Origin = the app). */
  async post<T = unknown>(path: string, body: unknown, options: RequestOptions = {}): Promise<AppAnswer<T>> {
    const init: RequestInit = {
      method: "POST",
      headers: { "content-type": "application/json", origin: new URL(this.baseUrl).origin, ...options.headers },
      body: JSON.stringify(body),
    };
    return answerOf<T>(await this.raw(path, init, { instance: options.instance }));
  }

  /**
   * Sign in through the CIS2 stand-in's pages: app login → persona list → (role picker) → app
   * callback. With `instance`, every app step runs on that instance; without, the proxy spreads them.
   * Returns which instances served the app steps.
   */
  async signIn(personaUid: string, options: { roleId?: string; instance?: string } = {}): Promise<string[]> {
    const servedBy: string[] = [];
    const step = async (url: URL, init?: RequestInit) => {
      const headers = new Headers(init?.headers);
      for (const [name, value] of Object.entries(this.pin(url, options))) headers.set(name, value);
      const response = await this.jar.fetch(url, { ...init, headers });
      const by = response.headers.get(SERVED_BY_HEADER);
      if (by) servedBy.push(by);
      return response;
    };
    const app = new URL(this.baseUrl);
    let url = new URL("/api/auth/login", app);
    let response = await step(url);
    for (let hop = 0; hop < 20; hop++) {
      const location = response.headers.get("location");
      await response.arrayBuffer();
      if (!location) throw new Error(`sign-in stopped at ${url.href} with HTTP ${response.status}`);
      const next = new URL(location, url);
      if (next.origin === app.origin && !next.pathname.startsWith("/api/")) return servedBy; // signed in, back on a page
      if (next.pathname.startsWith("/interaction/") && !/\/(login|role)$/.test(next.pathname)) {
        await (await step(next)).arrayBuffer(); // the persona list
        url = next;
        response = await step(new URL(`${next.pathname}/login`, next), form({ accountId: personaUid }));
        continue;
      }
      if (next.pathname.endsWith("/role")) {
        if (!options.roleId) throw new Error("the role picker was shown but no roleId was given");
        url = next;
        response = await step(next, form({ person_roleid: options.roleId }));
        continue;
      }
      url = next;
      response = await step(next);
    }
    throw new Error("sign-in did not come back to the app within 20 hops");
  }
}

async function answerOf<T>(response: Response): Promise<AppAnswer<T>> {
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text === "" ? undefined : JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, body: body as T, servedBy: response.headers.get(SERVED_BY_HEADER) };
}
