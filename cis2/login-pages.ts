/**
 * The stand-in's own sign-in pages: persona list, CIS2-like role picker, and the two dead ends
 * (no roles; sign-in method too weak). Plain HTML forms, no JavaScript, so they work in any
 * browser and in fetch-driven tests.
 */
import { friendlyName, organisationName, type Persona, personas, type RoleProfile } from "@/lib/personas";
import { html, page, type SafeHtml } from "./html";
import { filterRoles, ROLE_SEARCH_THRESHOLD } from "./login-decision";

export interface RenderedPage {
  status: number;
  body: string;
}

const AAL_DESCRIPTIONS: Record<string, string> = {
  "1": "password only (AAL1)",
  "2": "authenticator app (AAL2)",
  "3": "smartcard (AAL3)",
};

function describeAal(level: string): string {
  return AAL_DESCRIPTIONS[level] ?? `level ${level}`;
}

function cancelForm(interactionUid: string, label: string): SafeHtml {
  return html`<form class="cancel" method="post" action="/interaction/${interactionUid}/abort">
<button type="submit" class="secondary">${label}</button>
</form>`;
}

export function renderSignInPage(interactionUid: string, signedInAs: Persona | undefined): RenderedPage {
  const items = personas.map((persona) => {
    const roleCount = persona.roles.length;
    const roles = roleCount === 1 ? "1 role" : `${roleCount} roles`;
    return html`<li class="card">
<h2 id="persona-${persona.uid}">${persona.title} ${friendlyName(persona)}</h2>
<p>${persona.label}</p>
<p class="hint">User ID ${persona.uid} · ${roles} · signs in with ${describeAal(persona.authentication_assurance_level)}</p>
<button type="submit" name="accountId" value="${persona.uid}" aria-describedby="persona-${persona.uid}">Sign in as ${friendlyName(persona)}</button>
</li>`;
  });
  const current = signedInAs
    ? html`<div class="card inset"><p>You are signed in as ${friendlyName(signedInAs)}. The service asked you to sign in again, so choose a user below (this is also how you change role).</p></div>`
    : "";
  return page(
    "Choose a test user",
    html`<h1>Choose a test user</h1>
<p>This is a local stand-in for NHS CIS2. Everyone listed is synthetic. Choosing a user stands in for inserting a smartcard and entering a passcode.</p>
${current}
<form method="post" action="/interaction/${interactionUid}/login">
<ul class="plain">${items}</ul>
</form>
${cancelForm(interactionUid, "Cancel and return to the service")}`,
  );
}

function roleRow(interactionUid: string, role: RoleProfile): SafeHtml {
  const orgName = organisationName(role.org_code) ?? role.org_code;
  return html`<tr>
<td>${orgName} <span class="hint">(${role.org_code})</span></td>
<td>${role.job_role_name} <span class="hint">(${role.job_role_code})</span></td>
<td>${role.person_roleid}</td>
<td><form method="post" action="/interaction/${interactionUid}/role">
<button type="submit" name="person_roleid" value="${role.person_roleid}">Select<span class="visually-hidden"> ${role.job_role_name} at ${orgName}</span></button>
</form></td>
</tr>`;
}

export function renderRolePickerPage(interactionUid: string, persona: Persona, query: string): RenderedPage {
  const withSearch = persona.roles.length > ROLE_SEARCH_THRESHOLD;
  const shown = withSearch ? filterRoles(persona.roles, query, organisationName) : persona.roles;
  const search = withSearch
    ? html`<form method="get" action="/interaction/${interactionUid}/role" role="search">
<label for="role-search">Search your roles</label>
<p class="hint" id="role-search-hint">Search by organisation, role name, role code or role ID</p>
<input type="search" id="role-search" name="q" value="${query}" aria-describedby="role-search-hint">
<button type="submit">Search</button>
</form>
<p>Showing ${shown.length} of ${persona.roles.length} roles${query.trim() !== "" ? html` matching “${query.trim()}”. <a href="/interaction/${interactionUid}/role">Clear search</a>` : ""}</p>`
    : "";
  const table =
    shown.length > 0
      ? html`<table>
<caption>Your roles</caption>
<thead><tr><th scope="col">Organisation</th><th scope="col">Role</th><th scope="col">Role ID</th><th scope="col"><span class="visually-hidden">Action</span></th></tr></thead>
<tbody>${shown.map((role) => roleRow(interactionUid, role))}</tbody>
</table>`
      : html`<p class="card">No roles match your search.</p>`;
  return page(
    "Select your role",
    html`<h1>Select your role</h1>
<p>Signed in as ${friendlyName(persona)} (user ID ${persona.uid}). Choose the role you want to use for this session.</p>
${search}
${table}
${cancelForm(interactionUid, "Cancel and return to the service")}`,
  );
}

export function renderNoRolesPage(interactionUid: string, persona: Persona): RenderedPage {
  return page(
    "You do not have a role",
    html`<h1>You do not have a role</h1>
<div class="card warning">
<p>${friendlyName(persona)} (user ID ${persona.uid}) has no role profiles, so cannot sign in to this service.</p>
<p>A real user would ask their Registration Authority to assign a role.</p>
</div>
<p><a href="/interaction/${interactionUid}">Sign in as a different user</a></p>
${cancelForm(interactionUid, "Cancel and return to the service")}`,
    403,
  );
}

export function renderAssuranceRefusedPage(interactionUid: string, persona: Persona, requiredLevel: number): RenderedPage {
  return page(
    "Your sign-in method is not strong enough",
    html`<h1>Your sign-in method is not strong enough</h1>
<div class="card warning">
<p>This service needs authentication assurance level ${requiredLevel} or higher (for example a smartcard).</p>
<p>${friendlyName(persona)} can only sign in with ${describeAal(persona.authentication_assurance_level)}.</p>
</div>
<p><a href="/interaction/${interactionUid}">Sign in as a different user</a></p>
${cancelForm(interactionUid, "Cancel and return to the service")}`,
    403,
  );
}

export function renderExpiredPage(): RenderedPage {
  return page(
    "Sign-in has expired",
    html`<h1>Sign-in has expired</h1>
<p>This sign-in page is no longer valid (it timed out or was already used). Go back to the service and sign in again.</p>`,
    400,
  );
}

export function renderNotFoundPage(): RenderedPage {
  return page("Page not found", html`<h1>Page not found</h1><p>There is no page at this address.</p>`, 404);
}
