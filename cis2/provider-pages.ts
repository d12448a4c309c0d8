/**
 * Replacements for oidc-provider's built-in pages, which load Google Fonts (the stand-in must
 * run offline) and are not accessible: error page, sign-out confirmation, signed-out page.
 * Each takes oidc-provider's Koa context and writes an HTML body.
 */
import type { KoaLikeContext } from "oidc-provider";
import { html, page, trustedHtml } from "./html";

function send(ctx: KoaLikeContext, rendered: { status: number; body: string }): void {
  ctx.type = "html";
  ctx.body = rendered.body;
}

export async function renderError(ctx: KoaLikeContext, out: Record<string, unknown>): Promise<void> {
  const rows = Object.entries(out).map(([key, value]) => html`<tr><th scope="row">${key}</th><td>${String(value)}</td></tr>`);
  send(
    ctx,
    page(
      "There is a problem with the sign-in request",
      html`<h1>There is a problem with the sign-in request</h1>
<table><caption>Details for the service's developers</caption><tbody>${rows}</tbody></table>`,
    ),
  );
}

/** `form` is oidc-provider's own hidden form (id "op.logoutForm", carrying the xsrf token). */
export async function logoutSource(ctx: KoaLikeContext, form: string): Promise<void> {
  send(
    ctx,
    page(
      "Sign out of CIS2",
      html`<h1>Do you want to sign out of CIS2?</h1>
<p>Signing out here also signs you out of the services you used with this CIS2 session.</p>
${trustedHtml(form)}
<p><button type="submit" form="op.logoutForm" value="yes" name="logout">Yes, sign me out</button></p>
<p><button type="submit" form="op.logoutForm" class="secondary">No, stay signed in</button></p>`,
    ),
  );
}

export async function postLogoutSuccessSource(ctx: KoaLikeContext): Promise<void> {
  send(ctx, page("You have signed out", html`<h1>You have signed out</h1><p>Your CIS2 session has ended.</p>`));
}
