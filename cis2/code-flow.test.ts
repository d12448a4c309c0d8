/**
 * End to end over real HTTP: the stand-in on a random loopback port, openid-client 6 as the RP.
 */
import { describe, expect, it } from "vitest";
import { type Cis2StandIn, startCis2StandIn } from "./server";
import {
  buildAuthRequest,
  CookieJar,
  chooseRole,
  chooseUser,
  client,
  discoverRp,
  followToCallback,
  openSignIn,
  REDIRECT_URI,
  redeem,
  signIn,
} from "./test-support/flow";
import { standInForFile } from "./test-support/stand-in-for-file";

let standIn: Cis2StandIn;
let config: client.Configuration;
standInForFile((started) => {
  standIn = started.standIn;
  config = started.config;
});

describe("discovery and plumbing", () => {
  it("serves CIS2-shaped discovery under the realm path, code flow only", async () => {
    const metadata = config.serverMetadata();
    expect(metadata.issuer).toBe(standIn.issuer);
    expect(standIn.issuer).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/openam\/oauth2\/realms\/root\/realms\/NHSIdentity\/realms\/Healthcare$/);
    expect(metadata.authorization_endpoint).toBe(`${standIn.issuer}/authorize`);
    expect(metadata.token_endpoint).toBe(`${standIn.issuer}/access_token`);
    expect(metadata.userinfo_endpoint).toBe(`${standIn.issuer}/userinfo`);
    expect(metadata.jwks_uri).toBe(`${standIn.issuer}/connect/jwk_uri`);
    expect(metadata.end_session_endpoint).toBe(`${standIn.issuer}/connect/endSession`);
    expect(metadata.response_types_supported).toEqual(["code"]);
    expect(metadata.code_challenge_methods_supported).toEqual(["S256"]);
    expect(metadata.backchannel_logout_supported).toBe(true);
    expect(metadata.pushed_authorization_request_endpoint).toBeUndefined();
    expect(metadata.scopes_supported).toEqual(expect.arrayContaining(["nationalrbacaccess", "selectedrole", "changedrole"]));
  });

  it("answers /health with JSON and unknown paths with a 404 page", async () => {
    const health = await fetch(`${standIn.url}/health`);
    expect(health.status).toBe(200);
    expect(health.headers.get("content-type")).toMatch(/^application\/json/);
    expect(await health.json()).toEqual({ status: "ok" });
    const missing = await fetch(`${standIn.url}/nope`);
    expect(missing.status).toBe(404);
  });
});

describe("authorization code flow", () => {
  it("signs in a two-role nurse through the picker; ID token and userinfo carry CIS2 claims", async () => {
    const jar = new CookieJar();
    const request = await buildAuthRequest(config, { acr_values: "AAL3_ANY" });
    const callback = await signIn(jar, request.url, "900000000002", "900000000201");
    expect(callback.searchParams.get("iss")).toBe(standIn.issuer);

    const tokens = await redeem(config, callback, request);
    const idToken = tokens.claims();
    if (!idToken) throw new Error("no ID token");
    expect(idToken.iss).toBe(standIn.issuer);
    expect(idToken.sub).toBe("900000000002");
    expect(idToken.aud).toBe("lr-manager");
    expect(idToken.nonce).toBe(request.nonce);
    expect(idToken.acr).toBe("AAL3_ANY");
    expect(idToken.amr).toEqual(["N3_SMARTCARD"]);
    expect(idToken.selected_roleid).toBe("900000000201");
    expect(idToken.id_assurance_level).toBe("3");
    expect(idToken.authentication_assurance_level).toBe("3");
    expect(typeof idToken.sid).toBe("string");
    expect(typeof idToken.auth_time).toBe("number");
    // conformIdTokenClaims: the roles array belongs to userinfo only.
    expect(idToken).not.toHaveProperty("nhsid_nrbac_roles");

    const userinfo = await client.fetchUserInfo(config, tokens.access_token, "900000000002");
    expect(userinfo.uid).toBe("900000000002");
    expect(userinfo.nhsid_useruid).toBe("900000000002");
    expect(userinfo.name).toBe("SYNTHNURSE Robin Ms");
    expect(userinfo.nhsid_user_orgs).toEqual([
      { org_code: "ZZH", org_name: "SYNTHETIC HOSPITALS NHS TRUST (FAKE)" },
      { org_code: "ZZC", org_name: "SYNTHETIC COMMUNITY TRUST (FAKE)" },
    ]);
    const roles = userinfo.nhsid_nrbac_roles as { person_roleid: string; activity_codes: string[] }[];
    expect(roles.map((role) => role.person_roleid)).toEqual(["900000000201", "900000000202"]);
    expect(roles[0]?.activity_codes).toEqual(["B0264", "B0370"]);
    expect(userinfo.selected_roleid).toBe("900000000201");
  });

  it("skips the picker for a single-role user and selects that role", async () => {
    const jar = new CookieJar();
    const request = await buildAuthRequest(config);
    const { url: interactionUrl } = await openSignIn(jar, request.url);
    const afterLogin = await chooseUser(jar, interactionUrl, "900000000001");
    expect(afterLogin.status).toBe(303);
    const next = new URL(afterLogin.headers.get("location") ?? "", interactionUrl);
    expect(next.pathname).toContain("/authorize/");
    const tokens = await redeem(config, await followToCallback(jar, next), request);
    expect(tokens.claims()?.selected_roleid).toBe("900000000101");
  });

  it("leaves out selected_roleid when the RP did not ask for role selection", async () => {
    const jar = new CookieJar();
    const request = await buildAuthRequest(config, { scope: "openid profile nationalrbacaccess" });
    const tokens = await redeem(config, await signIn(jar, request.url, "900000000002"), request);
    expect(tokens.claims()).not.toHaveProperty("selected_roleid");
    const userinfo = await client.fetchUserInfo(config, tokens.access_token, "900000000002");
    expect(userinfo).not.toHaveProperty("selected_roleid");
    expect(userinfo).toHaveProperty("nhsid_nrbac_roles");
    expect(userinfo).not.toHaveProperty("nhsid_user_orgs");
  });

  it("shows the sign-in page again on prompt=login and lets the user change role", async () => {
    const jar = new CookieJar();
    const first = await buildAuthRequest(config);
    const firstTokens = await redeem(config, await signIn(jar, first.url, "900000000002", "900000000201"), first);
    expect(firstTokens.claims()?.selected_roleid).toBe("900000000201");

    const change = await buildAuthRequest(config, {
      scope: "openid profile nationalrbacaccess changedrole",
      prompt: "login",
    });
    const page = await openSignIn(jar, change.url);
    expect(page.status).toBe(200);
    expect(page.html).toContain("You are signed in as Robin SYNTHNURSE");
    expect(page.html).toContain("<h1>Choose a test user</h1>");

    const changed = await redeem(config, await signIn(jar, change.url, "900000000002", "900000000202"), change);
    const claims = changed.claims();
    expect(claims?.selected_roleid).toBe("900000000202");
    expect(claims?.sid).toBe(firstTokens.claims()?.sid);
  });
});

describe("an existing CIS2 session", () => {
  it("reuses the role chosen earlier when the RP does not force a new sign-in", async () => {
    const jar = new CookieJar();
    const first = await buildAuthRequest(config);
    await redeem(config, await signIn(jar, first.url, "900000000007", "900000000703"), first);

    const silent = await buildAuthRequest(config, { prompt: "none" });
    const callback = await followToCallback(jar, silent.url);
    const tokens = await redeem(config, callback, silent);
    expect(tokens.claims()?.selected_roleid).toBe("900000000703");
  });

  it("asks only for the role (no user list) when a signed-in user adds changedrole without prompt=login", async () => {
    const jar = new CookieJar();
    const first = await buildAuthRequest(config, { scope: "openid profile" });
    await redeem(config, await signIn(jar, first.url, "900000000002"), first);

    const change = await buildAuthRequest(config, { scope: "openid profile changedrole", prompt: "consent" });
    const start = await jar.fetch(change.url);
    const interactionUrl = new URL(start.headers.get("location") ?? "", change.url);
    const redirected = await jar.fetch(interactionUrl);
    expect(redirected.status).toBe(303);
    expect(redirected.headers.get("location")).toBe(`${interactionUrl.pathname}/role`);
    const picked = await chooseRole(jar, interactionUrl, "900000000202");
    const tokens = await redeem(config, await followToCallback(jar, new URL(picked.headers.get("location") ?? "", interactionUrl)), change);
    expect(tokens.claims()?.selected_roleid).toBe("900000000202");
    expect(tokens.claims()?.sub).toBe("900000000002");
  });
});

describe("client authentication and PKCE, as CIS2 enforces them", () => {
  it("refuses a client assertion whose aud is the issuer, without burning the code", async () => {
    const jar = new CookieJar();
    const request = await buildAuthRequest(config);
    const callback = await signIn(jar, request.url, "900000000001");
    const issuerAudience = await discoverRp(standIn, "issuer");
    const refused = await redeem(issuerAudience, callback, request).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(client.ResponseBodyError);
    expect((refused as client.ResponseBodyError).error).toBe("invalid_client");
    expect((refused as client.ResponseBodyError).status).toBe(401);

    const tokens = await redeem(config, callback, request);
    expect(tokens.claims()?.sub).toBe("900000000001");
  });

  it("refuses an authorization request without PKCE", async () => {
    const jar = new CookieJar();
    const request = await buildAuthRequest(config, { pkce: false });
    const response = await jar.fetch(request.url);
    expect(response.status).toBe(303);
    const location = new URL(response.headers.get("location") ?? "");
    expect(`${location.origin}${location.pathname}`).toBe(REDIRECT_URI);
    expect(location.searchParams.get("error")).toBe("invalid_request");
    expect(location.searchParams.get("error_description")).toMatch(/PKCE/);
  });

  it("refuses a token request with the wrong PKCE verifier", async () => {
    const jar = new CookieJar();
    const request = await buildAuthRequest(config);
    const callback = await signIn(jar, request.url, "900000000001");
    const wrong = { ...request, verifier: client.randomPKCECodeVerifier() };
    const refused = await redeem(config, callback, wrong).catch((error: unknown) => error);
    expect((refused as client.ResponseBodyError).error).toBe("invalid_grant");
  });
});

describe("issuer override", () => {
  it("mounts the provider under the path of a configured issuer", async () => {
    const custom = await startCis2StandIn({
      port: 0,
      issuer: "http://127.0.0.1:4200/openam/oauth2/realms/root/realms/NHSIdentity/realms/Training",
      log: () => {},
    });
    try {
      const response = await fetch(
        `${custom.url}/openam/oauth2/realms/root/realms/NHSIdentity/realms/Training/.well-known/openid-configuration`,
      );
      expect(response.status).toBe(200);
      const metadata = (await response.json()) as { issuer: string; token_endpoint: string };
      expect(metadata.issuer).toBe(custom.issuer);
      expect(metadata.token_endpoint).toBe(`${custom.url}/openam/oauth2/realms/root/realms/NHSIdentity/realms/Training/access_token`);
      const wrongRealm = await fetch(
        `${custom.url}/openam/oauth2/realms/root/realms/NHSIdentity/realms/Healthcare/.well-known/openid-configuration`,
      );
      expect(wrongRealm.status).toBe(404);
    } finally {
      await custom.close();
    }
  });
});
