// Copies the NHS design system's compiled CSS and images into public/ for the app to serve itself.
// The @font-face rules point at assets.nhs.uk; they are dropped so no page ever requests an external
// font (the CSP would refuse it anyway) and text falls back to Arial, as the NHS font stack intends.
import { copyFileSync, cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const require = createRequire(import.meta.url);
const root = join(dirname(require.resolve("nhsuk-frontend/package.json")), "dist", "nhsuk");
const cssName = readdirSync(root).find((f) => /^nhsuk-frontend-[\d.]+\.min\.css$/.test(f));
if (!cssName) throw new Error(`nhsuk-frontend compiled CSS not found in ${root}`);

const css = readFileSync(join(root, cssName), "utf8").replace(/@font-face\{[^}]*\}/g, "");
if (/https?:\/\//.test(css.replace(/http:\/\/www\.w3\.org\/2000\/svg/g, ""))) {
  throw new Error("nhsuk-frontend CSS still references an external URL after stripping fonts");
}
mkdirSync("public/nhsuk", { recursive: true });
writeFileSync("public/nhsuk/nhsuk-frontend.min.css", css);
mkdirSync("public/assets", { recursive: true });
cpSync(join(root, "assets", "images"), "public/assets/images", { recursive: true });
copyFileSync(join(root, "assets", "images", "favicon.ico"), "public/favicon.ico");
console.log(`prepared NHS design-system assets from ${cssName}`);
