/**
 * The stand-in's own pages: role picker for 2 and 7 roles, zero roles, and assurance levels.
 */
import { describe, expect, it } from "vitest";
import { form } from "./test-support/cookie-jar";
import {
  buildAuthRequest,
  CookieJar,
  chooseRole,
  chooseUser,
  type client,
  followToCallback,
  openSignIn,
  redeem,
  signIn,
} from "./test-support/flow";
import { standInForFile } from "./test-support/stand-in-for-file";

let config: client.Configuration;
standInForFile((started) => {
  config = started.config;
});

/** Sign-in page -> choose user; returns the interaction URL and the page that follows. */
async function afterChoosingUser(accountId: string, params: Parameters<typeof buildAuthRequest>[1] = {}) {
  const jar = new CookieJar();
  const request = await buildAuthRequest(config, params);
  const { url: interactionUrl, html: signInHtml } = await openSignIn(jar, request.url);
  const response = await chooseUser(jar, interactionUrl, accountId);
  return { jar, request, interactionUrl, signInHtml, response };
}

async function rolePage(jar: CookieJar, interactionUrl: URL, query?: string) {
  const url = new URL(`${interactionUrl.pathname}/role`, interactionUrl);
  if (query !== undefined) url.searchParams.set("q", query);
  const response = await jar.fetch(url);
  return { status: response.status, html: await response.text() };
}

function roleButtons(html: string): string[] {
  return [...html.matchAll(/name="person_roleid" value="(\d+)"/g)].map((match) => match[1] ?? "");
}

describe("sign-in page", () => {
  it("lists every persona as a real button with an accessible page structure", async () => {
    const { signInHtml } = await afterChoosingUser("900000000001");
    expect(signInHtml).toContain('<html lang="en-GB">');
    expect(signInHtml).toContain("<main");
    expect(signInHtml.match(/<h1>/g)).toHaveLength(1);
    expect(signInHtml).toContain('<button type="submit" name="accountId" value="900000000006"');
    expect(signInHtml).not.toMatch(/https?:\/\/(?!127\.0\.0\.1)[^"]*\.(css|js|woff)/);
  });
});

describe("role picker", () => {
  it("shows a plain list (no search) for two roles", async () => {
    const { jar, interactionUrl, response } = await afterChoosingUser("900000000002");
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe(`${interactionUrl.pathname}/role`);
    const page = await rolePage(jar, interactionUrl);
    expect(page.status).toBe(200);
    expect(page.html).toContain("<h1>Select your role</h1>");
    expect(roleButtons(page.html)).toEqual(["900000000201", "900000000202"]);
    expect(page.html).not.toContain('type="search"');
  });

  it("shows a searchable list for seven roles and filters it", async () => {
    const { jar, interactionUrl, request } = await afterChoosingUser("900000000007");
    const all = await rolePage(jar, interactionUrl);
    expect(all.html).toContain('<label for="role-search">Search your roles</label>');
    expect(roleButtons(all.html)).toHaveLength(7);
    expect(all.html).toContain("Showing 7 of 7 roles");

    const urgent = await rolePage(jar, interactionUrl, "urgent care");
    expect(roleButtons(urgent.html)).toEqual(["900000000706"]);
    expect(urgent.html).toContain("Showing 1 of 7 roles");

    const byCode = await rolePage(jar, interactionUrl, "r8008");
    expect(roleButtons(byCode.html)).toEqual(["900000000707"]);

    const none = await rolePage(jar, interactionUrl, "<script>nothing</script>");
    expect(roleButtons(none.html)).toEqual([]);
    expect(none.html).toContain("No roles match your search.");
    expect(none.html).toContain("&lt;script&gt;nothing&lt;/script&gt;");
    expect(none.html).not.toContain("<script>");

    const picked = await chooseRole(jar, interactionUrl, "900000000706");
    const tokens = await redeem(
      config,
      await followToCallback(jar, new URL(picked.headers.get("location") ?? "", interactionUrl)),
      request,
    );
    expect(tokens.claims()?.selected_roleid).toBe("900000000706");
  });

  it("will not select a role the user does not hold", async () => {
    const { jar, interactionUrl } = await afterChoosingUser("900000000002");
    const tampered = await chooseRole(jar, interactionUrl, "900000000301");
    expect(tampered.status).toBe(200);
    expect(roleButtons(await tampered.text())).toEqual(["900000000201", "900000000202"]);
  });
});

describe("users who cannot continue", () => {
  it("stops a user with no roles on a clear page with a way back", async () => {
    const { interactionUrl, response } = await afterChoosingUser("900000000006");
    expect(response.status).toBe(403);
    const html = await response.text();
    expect(html).toContain("<h1>You do not have a role</h1>");
    expect(html).toContain(`<a href="${interactionUrl.pathname}">Sign in as a different user</a>`);
    expect(roleButtons(html)).toEqual([]);
  });

  it("refuses an AAL1-only user when the RP asks for AAL2 or AAL3", async () => {
    const { response } = await afterChoosingUser("900000000009", { acr_values: "AAL2_OR_AAL3_ANY" });
    expect(response.status).toBe(403);
    const html = await response.text();
    expect(html).toContain("Your sign-in method is not strong enough");
    expect(html).toContain("level 2 or higher");
  });

  it("signs an AAL1-only user in with acr AAL1_USERPASS when the RP sends no acr_values", async () => {
    const jar = new CookieJar();
    const request = await buildAuthRequest(config);
    const tokens = await redeem(config, await signIn(jar, request.url, "900000000009"), request);
    const claims = tokens.claims();
    expect(claims?.acr).toBe("AAL1_USERPASS");
    expect(claims?.authentication_assurance_level).toBe("1");
    expect(claims?.amr).toEqual(["pwd"]);
  });

  it("takes the first acr the user can reach (AAL2 user)", async () => {
    const refused = await afterChoosingUser("900000000010", { acr_values: "AAL3_ANY" });
    expect(refused.response.status).toBe(403);

    const jar = new CookieJar();
    const request = await buildAuthRequest(config, { acr_values: "AAL3_ANY AAL2_OR_AAL3_ANY" });
    const tokens = await redeem(config, await signIn(jar, request.url, "900000000010"), request);
    expect(tokens.claims()?.acr).toBe("AAL2_OR_AAL3_ANY");
    expect(tokens.claims()?.authentication_assurance_level).toBe("2");
  });

  it("returns access_denied to the RP when the user cancels", async () => {
    const { jar, interactionUrl } = await afterChoosingUser("900000000006");
    const cancelled = await jar.fetch(new URL(`${interactionUrl.pathname}/abort`, interactionUrl), form({}));
    const callback = await followToCallback(jar, new URL(cancelled.headers.get("location") ?? "", interactionUrl));
    expect(callback.searchParams.get("error")).toBe("access_denied");
  });

  it("shows an expiry page for an interaction without its cookie", async () => {
    const { interactionUrl } = await afterChoosingUser("900000000002");
    const stranger = await fetch(interactionUrl);
    expect(stranger.status).toBe(400);
    expect(await stranger.text()).toContain("Sign-in has expired");
  });
});
