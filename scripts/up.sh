#!/usr/bin/env bash
# Quick start (a): install, build and run LR Manager with embedded defaults and synthetic data.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/ensure-deps.sh
ensure_node_modules
ensure_next_build
exec node --import tsx scripts/run.ts
