#!/usr/bin/env bash
# Runs the browser tests against the real server on a fresh SQLite database.
# Usage: end2end/run.sh SAMSPILL_BINARY SITE_ROOT
set -euo pipefail
cd "$(dirname "$0")"
export SAMSPILL_BIN=$1
export SAMSPILL_SITE=$2
exec npx playwright test
