#!/usr/bin/env bash
# Runs the Postman collection with newman against the freshly built service: a new SQLite database and
# staging folder in a temporary directory, a free port, an admin account made up for the run.
# Usage: scripts/run-postman.sh   (after ./mvnw verify has built target/hospital-api-*.jar)
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x postman/node_modules/.bin/newman ]; then
    if [ -n "${CI:-}" ]; then
        echo "run-postman: newman is not installed (scripts/install-test-deps.sh)" >&2
        exit 1
    fi
    echo "run-postman: WARNING: newman is not installed (run scripts/install-test-deps.sh): collection not run" >&2
    exit 0
fi

jar=$(ls target/hospital-api-*.jar | grep -v '\.original$' | head -n 1)
work=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
password="postman-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"

cleanup() {
    if [ -n "${pid:-}" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

# run from the temporary directory, so that no .env of the working copy is read; exec, so that $! is the
# JVM itself and the cleanup stops it (not only the subshell, which left the service running)
(cd "$work" && exec env -u DATABASE_URL -u DATABASE_USERNAME -u DATABASE_PASSWORD \
    SERVER_PORT="$port" SQLITE_PATH="$work/hospital.db" STAGING_AREA_PATH="$work/staging" IS_ABSOLUTE_STAGING_AREA_PATH=true \
    HOSPITAL_ADMIN_USER=admin HOSPITAL_ADMIN_PASSWORD="$password" HOSPITAL_USERS= CRONTAB=off \
    java -jar "$OLDPWD/$jar" >"$work/service.log" 2>&1) &
pid=$!

for _ in $(seq 1 180); do
    if curl -fsS "http://127.0.0.1:$port/actuator/health" >/dev/null 2>&1; then break; fi
    if ! kill -0 "$pid" 2>/dev/null; then cat "$work/service.log" >&2; exit 1; fi
    sleep 1
done

cd postman
npx --no-install newman run hospital-api.postman_collection.json \
    -e local.postman_environment.json \
    --env-var "baseUrl=http://127.0.0.1:$port" --env-var "senha=$password" \
    --reporters cli --bail failure
