#!/usr/bin/env bash
# Installs what the tests need beyond Maven: Debian's headless Chromium and its driver (browser tests)
# and newman from postman/package-lock.json (the Postman collection run). Idempotent; needs root for apt.
# Run by `./mvnw verify` before the integration tests. Without root and without the packages, a
# developer's machine gets a warning (the browser test and the Postman run are then skipped); in CI
# (CI set) that is an error.
set -euo pipefail
cd "$(dirname "$0")/.."

cannot_install() {
    if [ -n "${CI:-}" ]; then
        echo "install-test-deps: $1 missing and not root: cannot install it" >&2
        exit 1
    fi
    echo "install-test-deps: WARNING: $1 missing and not root ($2); the tests that need it are skipped" >&2
}

if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
    if [ "$(id -u)" -ne 0 ]; then
        cannot_install "chromium/chromedriver" "sudo apt-get install chromium chromium-driver"
    else
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -q
        apt-get install -y -q --no-install-recommends chromium chromium-driver
    fi
fi

if ! command -v npm >/dev/null 2>&1; then
    if [ "$(id -u)" -ne 0 ]; then
        cannot_install "npm" "sudo apt-get install npm"
        exit 0
    fi
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q
    apt-get install -y -q --no-install-recommends nodejs npm
fi

# newman, the exact versions of postman/package-lock.json (once: npm ci starts from scratch each time)
if [ ! -x postman/node_modules/.bin/newman ] || [ postman/package-lock.json -nt postman/node_modules/.bin/newman ]; then
    (cd postman && npm ci --no-audit --no-fund --loglevel=error)
fi
