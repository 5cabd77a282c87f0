#!/usr/bin/env bash
# Installs what the tests need beyond Maven: Debian's headless Chromium and its driver (browser tests)
# and newman from postman/package-lock.json (the Postman collection run). Idempotent; needs root for apt.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
    if [ "$(id -u)" -ne 0 ]; then
        echo "install-test-deps: chromium/chromedriver missing; run as root or: sudo apt-get install chromium chromium-driver" >&2
        exit 1
    fi
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q
    apt-get install -y -q --no-install-recommends chromium chromium-driver
fi

if ! command -v npm >/dev/null 2>&1; then
    if [ "$(id -u)" -ne 0 ]; then
        echo "install-test-deps: npm missing; run as root or: sudo apt-get install npm" >&2
        exit 1
    fi
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q
    apt-get install -y -q --no-install-recommends nodejs npm
fi

# newman, the exact versions of postman/package-lock.json
(cd postman && npm ci --no-audit --no-fund --loglevel=error)
