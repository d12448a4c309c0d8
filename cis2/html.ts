/**
 * Minimal HTML building for the stand-in's pages: everything interpolated is escaped unless it
 * was itself produced by `html` (so pages compose without double-escaping). No external assets:
 * the stand-in must work offline, so styles are inline and NHS-like (Frutiger fallback Arial,
 * NHS blue header, focus yellow).
 */

const SAFE = Symbol("safe-html");

export interface SafeHtml {
  readonly [SAFE]: true;
  readonly value: string;
}

type Interpolation = SafeHtml | string | number | undefined | null | false | readonly Interpolation[];

const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ESCAPES[char] ?? char);
}

function isSafe(value: unknown): value is SafeHtml {
  return typeof value === "object" && value !== null && SAFE in value;
}

function render(value: Interpolation): string {
  if (value === undefined || value === null || value === false) return "";
  if (Array.isArray(value)) return value.map((item: Interpolation) => render(item)).join("");
  if (isSafe(value)) return value.value;
  return escapeHtml(String(value));
}

/** Only for constant markup written in this module (the stylesheet). */
function trusted(value: string): SafeHtml {
  return { [SAFE]: true, value };
}

/** Markup produced by oidc-provider itself (its hidden logout form); never user input. */
export function trustedHtml(markupFromProvider: string): SafeHtml {
  return trusted(markupFromProvider);
}

export function html(strings: TemplateStringsArray, ...values: Interpolation[]): SafeHtml {
  let out = strings[0] ?? "";
  values.forEach((value, index) => {
    out += render(value) + (strings[index + 1] ?? "");
  });
  return { [SAFE]: true, value: out };
}

const STYLE = `
*{box-sizing:border-box}
body{margin:0;font-family:Frutiger W01,Arial,sans-serif;color:#212b32;background:#f0f4f5;line-height:1.5;font-size:19px}
header{background:#005eb8;color:#fff;padding:16px 24px}
header p{margin:0;font-weight:700;font-size:22px}
header span{font-weight:400;font-size:16px;display:block}
main{max-width:960px;margin:0 auto;padding:24px}
h1{font-size:32px;line-height:1.2;margin:0 0 16px}
h2{font-size:24px;margin:24px 0 8px}
.card{background:#fff;border:1px solid #d8dde0;padding:16px 20px;margin:0 0 16px}
.warning{border-left:8px solid #d5281b}
.inset{border-left:8px solid #005eb8}
ul.plain{list-style:none;padding:0;margin:0}
ul.plain li{margin:0 0 16px}
form.cancel{margin-top:24px}
button,.button{font:inherit;font-weight:600;background:#007f3b;color:#fff;border:0;border-bottom:4px solid #00401e;padding:8px 16px;cursor:pointer;text-decoration:none;display:inline-block}
button.secondary{background:#fff;color:#005eb8;border:2px solid #005eb8;padding:6px 14px}
button:focus,a:focus,input:focus{outline:4px solid #ffeb3b;outline-offset:0;box-shadow:0 4px 0 #212b32}
a{color:#005eb8}
label{display:block;font-weight:600;margin:0 0 4px}
input[type=search]{font:inherit;padding:6px;border:2px solid #4c6272;width:100%;max-width:420px}
table{border-collapse:collapse;width:100%;background:#fff}
caption{text-align:left;font-weight:600;padding:8px 0}
th,td{text-align:left;padding:8px;border-bottom:1px solid #d8dde0;vertical-align:top}
.hint{color:#4c6272;font-size:16px;margin:4px 0 0}
.visually-hidden{position:absolute!important;width:1px;height:1px;margin:0;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
.tag{display:inline-block;font-size:14px;padding:0 6px;border:1px solid #4c6272;margin-left:8px}
`;

/** A whole page: landmarks (header, main), one h1 from the title, a language and a title. */
export function page(title: string, body: SafeHtml, status = 200): { status: number; body: string } {
  const doc = html`<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} – CIS2 stand-in (synthetic)</title>
<style>${trusted(STYLE)}</style>
</head>
<body>
<header><p>NHS Care Identity Service 2 <span>Local stand-in – synthetic test users only</span></p></header>
<main id="main-content">
${body}
</main>
</body>
</html>`;
  return { status, body: doc.value };
}
