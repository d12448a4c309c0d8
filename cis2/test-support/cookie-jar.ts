/**
 * A small cookie jar for driving the stand-in's pages with plain fetch (test-only). Honours
 * Path and Max-Age/Expires deletion, which oidc-provider relies on (interaction cookies are
 * scoped to /interaction/:uid, resume cookies to the authorize path).
 */
interface StoredCookie {
  name: string;
  value: string;
  path: string;
  expiresAt: number | undefined;
}

export class CookieJar {
  private readonly cookies = new Map<string, StoredCookie>();

  store(requestUrl: URL, response: Response): void {
    for (const header of response.headers.getSetCookie()) {
      const [pair = "", ...attributes] = header.split(";").map((part) => part.trim());
      const eq = pair.indexOf("=");
      if (eq <= 0) continue;
      const cookie: StoredCookie = {
        name: pair.slice(0, eq),
        value: pair.slice(eq + 1),
        path: requestUrl.pathname.replace(/\/[^/]*$/, "") || "/",
        expiresAt: undefined,
      };
      for (const attribute of attributes) {
        const [rawKey = "", rawValue = ""] = attribute.split("=");
        const key = rawKey.toLowerCase();
        if (key === "path") cookie.path = rawValue;
        if (key === "max-age") cookie.expiresAt = Date.now() + Number(rawValue) * 1000;
        if (key === "expires" && cookie.expiresAt === undefined) cookie.expiresAt = Date.parse(rawValue);
      }
      const key = `${cookie.name};${cookie.path}`;
      if (cookie.expiresAt !== undefined && cookie.expiresAt <= Date.now()) this.cookies.delete(key);
      else this.cookies.set(key, cookie);
    }
  }

  header(url: URL): string {
    const now = Date.now();
    return [...this.cookies.values()]
      .filter((cookie) => cookie.expiresAt === undefined || cookie.expiresAt > now)
      .filter(
        (cookie) => url.pathname === cookie.path || url.pathname.startsWith(cookie.path.endsWith("/") ? cookie.path : `${cookie.path}/`),
      )
      .map((cookie) => `${cookie.name}=${cookie.value}`)
      .join("; ");
  }

  /** fetch without following redirects, sending and storing cookies. */
  async fetch(url: string | URL, init: RequestInit = {}): Promise<Response> {
    const target = new URL(url);
    const headers = new Headers(init.headers);
    const cookie = this.header(target);
    if (cookie) headers.set("cookie", cookie);
    const response = await fetch(target, { ...init, headers, redirect: "manual" });
    this.store(target, response);
    return response;
  }
}

export function form(fields: Record<string, string>): RequestInit {
  return {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields).toString(),
  };
}
