/**
 * The sign-in journey oidc-provider hands over to us at /interaction/:uid:
 *   GET  /interaction/:uid            persona list (always shown for prompt=login)
 *   POST /interaction/:uid/login      persona chosen -> refuse / no roles / role picker / finish
 *   GET  /interaction/:uid/role?q=    role picker (search box above five roles)
 *   POST /interaction/:uid/role       role chosen -> finish; it becomes selected_roleid
 *   POST /interaction/:uid/abort      back to the RP with error=access_denied
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { InteractionDetails, Provider } from "oidc-provider";
import { findPersona, type Persona } from "@/lib/personas";
import { scopeRequestsRoleSelection } from "./claims";
import { readForm, sendHtml, sendRedirect } from "./http-util";
import { decideAfterLogin } from "./login-decision";
import {
  renderAssuranceRefusedPage,
  renderExpiredPage,
  renderNoRolesPage,
  renderNotFoundPage,
  renderRolePickerPage,
  renderSignInPage,
} from "./login-pages";
import type { StandInStore } from "./memory-store";
import type { StandInRequest } from "./stand-in-request";

const ROUTE = /^\/interaction\/([A-Za-z0-9_-]{1,64})(?:\/(login|role|abort))?$/;

interface Journey {
  provider: Provider;
  store: StandInStore;
  req: IncomingMessage;
  res: ServerResponse;
  details: InteractionDetails;
}

function param(details: InteractionDetails, name: string): string | undefined {
  const value = details.params[name];
  return typeof value === "string" ? value : undefined;
}

export async function handleInteraction({ provider, store, req, res, url }: StandInRequest): Promise<void> {
  const match = ROUTE.exec(url.pathname);
  const uid = match?.[1];
  if (!uid) return sendHtml(res, renderNotFoundPage());
  const step = match[2] ?? "start";

  let details: InteractionDetails;
  try {
    details = await provider.interactionDetails(req, res);
  } catch {
    return sendHtml(res, renderExpiredPage());
  }
  // The cookie names one interaction; a URL for another one is stale or tampered with.
  if (details.uid !== uid) return sendHtml(res, renderExpiredPage());
  const journey: Journey = { provider, store, req, res, details };

  if (req.method === "GET" && step === "start") return showStart(journey);
  if (req.method === "POST" && step === "login") return chooseUser(journey);
  if (req.method === "GET" && step === "role") return showRolePicker(journey, url.searchParams.get("q") ?? "");
  if (req.method === "POST" && step === "role") return chooseRole(journey);
  if (req.method === "POST" && step === "abort") return abort(journey);
  res.writeHead(405, { allow: step === "start" ? "GET" : step === "role" ? "GET, POST" : "POST" });
  res.end();
}

async function showStart(journey: Journey): Promise<void> {
  const { details, store } = journey;
  const sessionPersona = details.session?.accountId ? findPersona(details.session.accountId) : undefined;
  // Login already done (e.g. a scope change without prompt=login): CIS2 goes straight to roles.
  if (details.prompt.name !== "login" && sessionPersona) {
    return continueAs(journey, sessionPersona, undefined);
  }
  store.clearPendingLogin(details.uid);
  sendHtml(journey.res, renderSignInPage(details.uid, sessionPersona));
}

async function chooseUser(journey: Journey): Promise<void> {
  const form = await readForm(journey.req);
  const persona = findPersona(form?.get("accountId") ?? "");
  if (!persona) return sendHtml(journey.res, renderSignInPage(journey.details.uid, undefined));
  return continueAs(journey, persona, param(journey.details, "acr_values"));
}

async function continueAs(journey: Journey, persona: Persona, acrValues: string | undefined): Promise<void> {
  const { details, res, store } = journey;
  const decision = decideAfterLogin(persona, {
    acrValues,
    roleSelectionRequested: scopeRequestsRoleSelection(param(details, "scope")),
  });
  switch (decision.kind) {
    case "refuse-assurance":
      return sendHtml(res, renderAssuranceRefusedPage(details.uid, persona, decision.requiredLevel));
    case "no-roles":
      return sendHtml(res, renderNoRolesPage(details.uid, persona));
    case "pick-role":
      store.setPendingLogin(details.uid, persona.uid, decision.acr);
      return sendRedirect(res, `/interaction/${details.uid}/role`);
    case "finish":
      return finish(journey, persona, decision.acr, decision.selectedRoleId);
  }
}

function pendingPersona(journey: Journey): { persona: Persona; acr: string } | undefined {
  const pending = journey.store.pendingLogin(journey.details.uid);
  const persona = pending ? findPersona(pending.accountId) : undefined;
  return pending && persona ? { persona, acr: pending.acr } : undefined;
}

async function showRolePicker(journey: Journey, query: string): Promise<void> {
  const pending = pendingPersona(journey);
  if (!pending) return sendRedirect(journey.res, `/interaction/${journey.details.uid}`);
  sendHtml(journey.res, renderRolePickerPage(journey.details.uid, pending.persona, query.slice(0, 100)));
}

async function chooseRole(journey: Journey): Promise<void> {
  const pending = pendingPersona(journey);
  if (!pending) return sendRedirect(journey.res, `/interaction/${journey.details.uid}`);
  const form = await readForm(journey.req);
  const roleId = form?.get("person_roleid") ?? "";
  // Only a role the user actually holds can become selected_roleid.
  if (!pending.persona.roles.some((role) => role.person_roleid === roleId)) {
    return sendHtml(journey.res, renderRolePickerPage(journey.details.uid, pending.persona, ""));
  }
  return finish(journey, pending.persona, pending.acr, roleId);
}

async function finish(journey: Journey, persona: Persona, acr: string, selectedRoleId: string | undefined) {
  const { provider, store, details, req, res } = journey;
  const clientId = param(details, "client_id");
  if (!clientId) return sendHtml(res, renderExpiredPage());
  // A fresh grant per sign-in, so a changed role never leaks into tokens of the previous one.
  const grant = new provider.Grant({ accountId: persona.uid, clientId });
  grant.addOIDCScope(param(details, "scope") ?? "openid");
  const grantId = await grant.save();
  if (selectedRoleId) store.rememberSelectedRole(grantId, selectedRoleId);
  store.clearPendingLogin(details.uid);
  const login = details.prompt.name === "login" ? { login: { accountId: persona.uid, acr, amr: persona.amr, remember: false } } : {};
  await provider.interactionFinished(req, res, { ...login, consent: { grantId } }, { mergeWithLastSubmission: false });
}

async function abort(journey: Journey): Promise<void> {
  journey.store.clearPendingLogin(journey.details.uid);
  await journey.provider.interactionFinished(
    journey.req,
    journey.res,
    { error: "access_denied", error_description: "The user cancelled sign-in" },
    { mergeWithLastSubmission: false },
  );
}
