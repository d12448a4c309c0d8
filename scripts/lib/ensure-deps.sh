# Sourced by up.sh and test-all.sh: installs what a fresh clone needs on Debian + Node 20.
# npm packages from the lockfile (only when the lockfile changed since the last install).
ensure_node_modules() {
  local stamp=node_modules/.lrm-lock-hash
  local want
  want=$(sha256sum package-lock.json | cut -d' ' -f1)
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    echo "› Installing npm packages (npm ci)…"
    npm ci --no-audit --no-fund --loglevel=error 2>&1 | grep -v 'Unknown user config "nodedir"' || true
    [ -d node_modules/next ] || { echo "npm ci failed" >&2; exit 1; }
    echo "$want" > "$stamp"
  fi
  node scripts/prepare-assets.mjs >/dev/null
}

apt_updated=0
apt_install() {
  if [ "$(id -u)" != 0 ]; then
    echo "Need root to apt-get install $*; install them and run again." >&2
    exit 1
  fi
  if [ "$apt_updated" = 0 ]; then apt-get update -qq >/dev/null; apt_updated=1; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

ensure_chromium() {
  if [ ! -x /usr/bin/chromium ]; then
    echo "› Installing Debian's chromium for the browser tests…"
    apt_install chromium
  fi
}

# xmllint (Debian's libxml2-utils) for the MIM schema test, lib/hl7/schemas/mim-schemas.test.ts.
ensure_xmllint() {
  if ! command -v xmllint >/dev/null 2>&1; then
    echo "› Installing Debian's libxml2-utils (xmllint) for the schema tests…"
    apt_install libxml2-utils
  fi
}

# Next production build, skipped when nothing it depends on changed since the last build.
ensure_next_build() {
  local stamp=.next/.lrm-source-hash
  local want
  want=$( (git ls-files -co --exclude-standard app components lib server public proxy.ts instrumentation.ts instrumentation-client.ts next.config.js package-lock.json tsconfig.json postcss.config.mjs 2>/dev/null | grep -v '\.test\.ts$' | sort | xargs -r sha256sum) | sha256sum | cut -d' ' -f1)
  if [ ! -f .next/BUILD_ID ] || [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    echo "› Building the app (next build)…"
    NEXT_TELEMETRY_DISABLED=1 node node_modules/next/dist/bin/next build > .next-build.log 2>&1 || { cat .next-build.log; exit 1; }
    echo "$want" > "$stamp"
  fi
}
