#!/usr/bin/env bash
# bench/run.sh - the write path, the staging path and the replay of hospital-api, each beside the
# machine's own limit measured in the same run (issue 6). A benchmark, not a test: it never fails
# because the machine is slow; it fails only when something is wrong (a lost or duplicated operation,
# a service that does not start).
#
#   bench/run.sh                 full run, about 10 minutes on 2 quiet cores (much longer on a busy
#                                machine: the replay of 100,000 operations dominates); adds a dated
#                                section to docs/BENCHMARKS.md ("Write path, staging and replay")
#   BENCH_QUICK=1 bench/run.sh   the same with small counts and 4 s loads (~4 minutes), to check the
#                                script; its table is printed but not written to docs/BENCHMARKS.md
#   bench/run.sh --no-append     never write docs/BENCHMARKS.md
#   bench/run.sh --help
#
# What it does (docs/BENCHMARKS.md explains every figure):
#   0. builds the jar if target/ has none or the sources are newer (./mvnw package -DskipTests),
#      installs wrk (apt-get) if
#      missing; creates the database hospital_bench on the machine's PostgreSQL (127.0.0.1:5432, trust)
#      and drops it at the end. The service is always started with deploy/hospital-api.sh (the README's
#      recommended launch), as a node with an encryption key, on port 18091.
#   1. Database up: POST /api/pacientes and the admission flow (register, admit, discharge) with wrk at
#      8 and 32 connections; limit: pgbench with the same rows plus their ledger rows and audit entries, one
#      transaction per operation, same clients.
#   2. Database down: the service reaches PostgreSQL through bench/Proxy.java; the same loads while the
#      proxy refuses connections, then while it black-holes them; limit: bench/DurableFiles.java (write
#      + fsync + atomic rename + directory fsync of a 600-byte file) at the same concurrency on the
#      same disk.
#   3. Replay: bench/StagedBacklog.java stages 100,000 operations through the project's StagingStore
#      (encrypted, real format); the service starts on them and POST /api/staging/replay drains them;
#      checks: every table's count, the ledger holds exactly the staged ids, a second replay applies
#      nothing; limit: pgbench writing the same rows set-based in 500-operation transactions.
#   4. Footprint: time to healthy and RSS (idle, peak during each load) of every start above.
#
# Environment: BENCH_QUICK=1; BENCH_PGHOST/BENCH_PGPORT/BENCH_PGUSER (127.0.0.1, 5432, postgres);
# BENCH_DB (hospital_bench); BENCH_PORT (18091); BENCH_DURATION (seconds per load, 15; quick 4);
# BENCH_REPLAY_OPS (100000; quick 4000); BENCH_PHASES (which phases, "up down replay");
# BENCH_JFR=1 records a JFR profile of the replay into bench/results/.
# BENCH_PROFILE=1 profiles every start of the service with async-profiler (tools.profiler:async-profiler
# from Maven Central, fetched by ./mvnw): the CPU time of each thread, every millisecond, into
# bench/results/run-<date>/profile-<start>.collapsed; read it with java bench/Profile.java (see
# docs/BENCHMARKS.md). A profiled run is never added to docs/BENCHMARKS.md: the profiler costs CPU.
# Raw output of every tool goes to bench/results/run-<date>/ (not committed).
set -euo pipefail
{ # the whole script is read before it runs

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
bench=$root/bench
append=true
while [ $# -gt 0 ]; do
    case "$1" in
        --no-append) append=false ;;
        -h|--help) sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        *) echo "unknown argument: $1 (see --help)" >&2; exit 2 ;;
    esac
    shift
done

quick=${BENCH_QUICK:-0}
[ "$quick" = 1 ] && append=false
profile=${BENCH_PROFILE:-0}
[ "$profile" = 1 ] && append=false
pghost=${BENCH_PGHOST:-127.0.0.1} pgport=${BENCH_PGPORT:-5432} pguser=${BENCH_PGUSER:-postgres}
db=${BENCH_DB:-hospital_bench}
port=${BENCH_PORT:-18091}
proxy_port=$((port + 1)) control_port=$((port + 2))
if [ "$quick" = 1 ]; then
    duration=${BENCH_DURATION:-4} replay_ops=${BENCH_REPLAY_OPS:-4000} beds_per_thread=2000
else
    duration=${BENCH_DURATION:-15} replay_ops=${BENCH_REPLAY_OPS:-100000} beds_per_thread=6000
fi
concurrencies="8 32"
phases=${BENCH_PHASES:-up down replay}
want() { [[ " $phases " == *" $1 "* ]]; }
unit=0190bec0-0000-7000-8000-000000000001
node=bench-node
admin_user=bench
admin_password="bench-$(date +%s)-$RANDOM-pw"
auth=$(printf '%s:%s' "$admin_user" "$admin_password" | base64 -w0)
key=$(head -c 32 /dev/urandom | base64 -w0)
write_timeout_ms=1000
async_profiler_version=4.1

log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "FAILED: $*"; exit 1; }
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b + 0 > 0 && a != "-") printf "%.0f%%", 100 * a / b; else print "-" }'; }
fmt() { awk -v v="$1" -v d="${2:-0}" 'BEGIN { if (v == "-" || v == "") print "-"; else printf "%.*f", d, v }'; }

stamp=$(date +%Y-%m-%d-%H%M%S)
out=$root/bench/results/run-$stamp
mkdir -p "$out"
work=$(mktemp -d "${TMPDIR:-/tmp}/hospital-bench.XXXXXX")
export HOSPITAL_API_CACHE=$root/target/bench-launcher-cache  # prepared launch, reused while the jar is the same

pid= proxy_pid= sampler_pid= db_created=false
psql_() { psql -X -q -v ON_ERROR_STOP=1 -h "$pghost" -p "$pgport" -U "$pguser" "$@"; }
cleanup() {
    local status=$?
    set +e
    [ -n "$sampler_pid" ] && kill "$sampler_pid" 2>/dev/null
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
        kill -TERM "$pid" 2>/dev/null
        for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$pid" 2>/dev/null
    fi
    [ -n "$proxy_pid" ] && kill "$proxy_pid" 2>/dev/null && wait "$proxy_pid" 2>/dev/null
    if $db_created; then psql_ -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1; fi
    rm -rf "$work"
    [ $status -ne 0 ] && log "raw output kept in $out"
    exit $status
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---------------------------------------------------------------------------------------------------
# 0. prerequisites
command -v java >/dev/null || die "java 17 is needed"
command -v curl >/dev/null || die "curl is needed"
command -v psql >/dev/null && command -v pgbench >/dev/null || die "psql and pgbench are needed (apt-get install postgresql-client)"
if ! command -v wrk >/dev/null; then
    log "installing wrk (apt-get install -y wrk)"
    if [ "$(id -u)" = 0 ]; then apt-get install -y wrk >"$out/apt.log" 2>&1 || { apt-get update >>"$out/apt.log" 2>&1 && apt-get install -y wrk >>"$out/apt.log" 2>&1; }
    else sudo apt-get install -y wrk >"$out/apt.log" 2>&1; fi
    command -v wrk >/dev/null || die "could not install wrk (see $out/apt.log)"
fi
for p in "$port" "$proxy_port" "$control_port"; do
    if (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then die "port $p is in use: set BENCH_PORT"; fi
done
psql_ -d postgres -c 'SELECT 1' >/dev/null || die "PostgreSQL at $pghost:$pgport (user $pguser) is not reachable"

jar=$(ls "$root"/target/hospital-api-*.jar 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$jar" ] || [ -n "$(find "$root/src/main" "$root/pom.xml" -newer "$jar" -type f 2>/dev/null | head -n 1)" ]; then
    log "no jar in target/, or older than the sources: building it (./mvnw package -DskipTests)"
    (cd "$root" && ./mvnw -B -q -DskipTests package) || die "build failed"
    jar=$(ls "$root"/target/hospital-api-*.jar | sort -V | tail -n 1)
fi
profiler=
if [ "$profile" = 1 ]; then
    case "$(uname -m)" in x86_64) arch=linux-x64 ;; aarch64) arch=linux-arm64 ;; *) die "BENCH_PROFILE: no async-profiler for $(uname -m)" ;; esac
    log "fetching async-profiler $async_profiler_version (./mvnw dependency:copy)"
    (cd "$root" && ./mvnw -B -q dependency:copy -Dartifact="tools.profiler:async-profiler:$async_profiler_version" \
        -DoutputDirectory="$work/profiler" >"$out/profiler-fetch.log" 2>&1) || die "could not fetch async-profiler (see $out/profiler-fetch.log)"
    (cd "$work/profiler" && jar xf "async-profiler-$async_profiler_version.jar" "$arch/libasyncProfiler.so") \
        || die "no $arch/libasyncProfiler.so in async-profiler $async_profiler_version"
    profiler=$work/profiler/$arch/libasyncProfiler.so
fi
log "jar $jar; quick=$quick; ${duration}s per load; replay of $replay_ops operations; load average $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) CPUs"
load_start=$(cut -d' ' -f1-3 /proc/loadavg)

# the application's classes and libraries, for the backlog generator
java -Djarmode=tools -jar "$jar" extract --destination "$work/app" >/dev/null || die "cannot extract $jar"
app_cp="$(ls "$work"/app/*.jar | head -n 1):$work/app/lib/*"

log "preparing the recommended launch (once per jar version)"
"$root/deploy/hospital-api.sh" prepare >"$out/prepare.log" 2>&1 || die "deploy/hospital-api.sh prepare failed (see $out/prepare.log)"

fresh_db() {
    psql_ -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null
    psql_ -d postgres -c "CREATE DATABASE $db" >/dev/null
    db_created=true
}

# ---------------------------------------------------------------------------------------------------
# The service: start (through the proxy or directly), wait until healthy, measure, stop.
status_kb() { awk -v k="$2:" '$1 == k { print $2 }' "/proc/$1/status" 2>/dev/null || echo 0; }
mb() { awk -v kb="$1" 'BEGIN { printf "%.0f", kb / 1024 }'; }

start_service() { # name db_port staging_dir
    local name=$1 db_port=$2 staging=$3 t0 body
    mkdir -p "$work/node-$name"
    t0=$(now_ms)
    (cd "$work/node-$name" && exec env \
        DATABASE_URL="jdbc:postgresql://127.0.0.1:$db_port/$db" DATABASE_USERNAME="$pguser" DATABASE_PASSWORD= \
        STAGING_AREA_PATH="$staging" IS_ABSOLUTE_STAGING_AREA_PATH=true STAGING_ENCRYPTION_KEY="$key" \
        NODE_ID="$node" HOSPITAL_ADMIN_USER="$admin_user" HOSPITAL_ADMIN_PASSWORD="$admin_password" \
        CRONTAB=off REPLAY_ON_RECOVERY=false SERVER_PORT="$port" DATABASE_WRITE_TIMEOUT=PT1S \
        HOSPITAL_JAVA_OPTS_EXTRA="${BENCH_JAVA_OPTS_EXTRA:-}${profiler:+ -agentpath:$profiler=start,event=ctimer,interval=1ms,threads,collapsed,file=$out/profile-${name//[ ,]/-}.collapsed}" \
        "$root/deploy/hospital-api.sh") >"$out/service-${name//[ ,]/-}.log" 2>&1 &
    svc_log="$out/service-${name//[ ,]/-}.log"
    pid=$!
    while :; do
        kill -0 "$pid" 2>/dev/null || die "the service ($name) ended before it was healthy (see $svc_log)"
        body=$(curl -s -m 2 "http://127.0.0.1:$port/actuator/health" || true)
        case "$body" in *'"status":"'*) break ;; esac
        [ $(( $(now_ms) - t0 )) -gt 300000 ] && die "the service ($name) was not healthy after 300 s"
        sleep 0.05
    done
    ready_s=$(awk -v ms=$(( $(now_ms) - t0 )) 'BEGIN { printf "%.2f", ms / 1000 }')
    sleep 3
    idle_mb=$(mb "$(status_kb "$pid" VmRSS)")
    log "service ($name) healthy in $ready_s s ($(sed 's/.*"status":"\([A-Z_]*\)".*/\1/' <<<"$body")), RSS idle $idle_mb MB"
    footprint+=("| $name | $ready_s | $idle_mb |")
}

stop_service() {
    [ -n "$pid" ] || return 0
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 300); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    pid=
}

# Highest VmRSS seen while a load runs (sampled every 0.2 s).
start_sampler() {
    echo 0 >"$work/peak"
    ( peak=0; while kill -0 "$pid" 2>/dev/null; do
          r=$(awk '$1 == "VmRSS:" { print $2 }' "/proc/$pid/status" 2>/dev/null || echo 0)
          [ "${r:-0}" -gt "$peak" ] && { peak=$r; echo "$peak" >"$work/peak"; }
          sleep 0.2
      done ) &
    sampler_pid=$!
}
stop_sampler() { kill "$sampler_pid" 2>/dev/null || true; wait "$sampler_pid" 2>/dev/null || true; sampler_pid=; peak_mb=$(mb "$(cat "$work/peak")"); }

api() { curl -s -m "${3:-10}" -o "$work/api.out" -w '%{http_code}' -u "$admin_user:$admin_password" -H 'Content-Type: application/json' -X POST "http://127.0.0.1:$port$1" -d "$2"; }

# CPU time (user + system, in clock ticks) of a process, and of every PostgreSQL process on the machine
clk_tck=$(getconf CLK_TCK)
proc_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat" 2>/dev/null || echo 0; }
pg_ticks() { local t=0 p; for p in $(pgrep -u postgres 2>/dev/null); do t=$((t + $(proc_ticks "$p"))); done; echo "$t"; }
per_request_us() { awk -v d="$1" -v n="$2" -v hz="$clk_tck" 'BEGIN { if (n + 0 > 0) printf "%.0f", d * 1e6 / hz / n; else print "-" }'; }

# wrk: sets w_rps w_p50 w_p99 w_max w_201 w_202 w_other w_sockerr (and peak_mb), and the CPU time per
# request of the service (w_cpu) and of PostgreSQL (w_pgcpu), in microseconds
cpf_base=100000000
run_wrk() { # label script connections
    local label=$1 script=$2 c=$3 file="$out/wrk-$1-c$3.txt" s0 s1 p0 p1 requests
    start_sampler
    s0=$(proc_ticks "$pid") p0=$(pg_ticks)
    BENCH_AUTH=$auth BENCH_CPF_BASE=$cpf_base BENCH_BED_PREFIX=${bed_prefix:-} \
        wrk -t "$c" -c "$c" -d "${duration}s" --timeout 10s -s "$bench/wrk/$script" "http://127.0.0.1:$port" >"$file" 2>&1 || true
    s1=$(proc_ticks "$pid") p1=$(pg_ticks)
    stop_sampler
    cpf_base=$((cpf_base + 40000000))
    read -r _ requests w_rps w_p50 w_p99 w_max w_201 w_202 w_other w_sockerr < <(grep '^RESULT' "$file" || echo "RESULT 0 - - - - 0 0 0 0") || true
    w_cpu=$(per_request_us $((s1 - s0)) "$requests")
    w_pgcpu=$(per_request_us $((p1 - p0)) "$requests")
    log "$label c=$c: $w_rps req/s, p50 $w_p50 ms, p99 $w_p99 ms, max $w_max ms; 201: $w_201, 202: $w_202, other: $w_other, socket errors: $w_sockerr; peak RSS $peak_mb MB; CPU per request: service $w_cpu us, PostgreSQL $w_pgcpu us"
}

# pgbench: sets g_tps g_p50 g_p99 (ms)
run_pgbench() { # label script clients [transactions_per_script]
    local label=$1 script=$2 c=$3 dir="$work/pgbench-$1-$3"
    mkdir -p "$dir"
    (cd "$dir" && pgbench -n -h "$pghost" -p "$pgport" -U "$pguser" -c "$c" -j 2 -T "$duration" -l --log-prefix=tx \
        -f "$script" "$db") >"$out/pgbench-$label-c$c.txt" 2>&1 || die "pgbench $label failed (see $out/pgbench-$label-c$c.txt)"
    g_tps=$(sed -n 's/^tps = \([0-9.]*\) .*/\1/p' "$out/pgbench-$label-c$c.txt" | head -n 1)
    read -r g_p50 g_p99 < <(cat "$dir"/tx* | awk '{ print $3 }' | sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) { print "- -"; exit } i50 = int(NR * 0.5); i99 = int(NR * 0.99); if (i50 < 1) i50 = 1; if (i99 < 1) i99 = 1; printf "%.2f %.2f\n", v[i50] / 1000, v[i99] / 1000 }')
    rm -rf "$dir"
    log "pgbench $label c=$c: $g_tps tx/s, p50 $g_p50 ms, p99 $g_p99 ms"
}

# The limits: the same rows as the service writes, with their ledger rows and audit entries, one transaction
# per operation. pgbench's audit entries carry a (negative) position already, so that the service's sealer,
# which chains every unsealed entry of any node, does not work on them while pgbench is being measured; the
# sealer's own UPDATE of the service's entries is not part of the limit.
audit_cols="id, cadeia, posicao, ocorrido_em, gravado_em, usuario, no_origem, endereco, acao, comando, entidade, registro_id, operation_id, resultado, hash_anterior, hash"
audit_sql() { # entity acao record_id_expression
    echo "INSERT INTO trilha_auditoria ($audit_cols) VALUES (gen_random_uuid()::text, 'pgbench', -nextval('bench_audit'), now(), now(), 'bench', 'pgbench', '127.0.0.1', '$2', 'criar', '$1', $3, gen_random_uuid()::text, 'SUCESSO', repeat('0', 64), repeat('0', 64));"
}
footprint=()
rows_up=() rows_down=() rows_replay=() notes=()

# ---------------------------------------------------------------------------------------------------
# 1. Database up
if want up; then
log "== 1. database up"
fresh_db
start_service "database up" "$pgport" "$work/staging-up"
psql_ -d "$db" >/dev/null <<SQL
CREATE SEQUENCE bench_n;
CREATE SEQUENCE bench_audit;
INSERT INTO unidade (id, codigo, nome, tipo, aceita_internacao, ativo, versao, criado_em, criado_por, no_origem, recebido_em)
VALUES ('$unit', 'BENCH', 'Enfermaria do benchmark', 'ENFERMARIA', true, true, 0, now(), 'bench', 'bench', now());
-- beds for the admission flow through the API (prefix per run and thread, see bench/wrk/internacao.lua) ...
INSERT INTO leito (id, unidade_id, codigo, tipo, acomodacao, status, status_desde, versao, criado_em, criado_por, no_origem, recebido_em)
SELECT r.p || lpad((t * 100000 + k)::text, 12, '0'), '$unit', 'W' || r.n || '-' || t || '-' || k, 'CLINICO', 'ENFERMARIA', 'DISPONIVEL', now(), 0, now(), 'bench', 'bench', now()
FROM (VALUES (1, '0190bed1-0000-7000-8000-', 8), (2, '0190bed2-0000-7000-8000-', 32)) AS r(n, p, threads),
     generate_series(1, 32) t, generate_series(1, $beds_per_thread) k
WHERE t <= r.threads;
-- ... and for pgbench's (reused: pgbench releases the bed at discharge without the rules)
INSERT INTO leito (id, unidade_id, codigo, tipo, acomodacao, status, status_desde, versao, criado_em, criado_por, no_origem, recebido_em)
SELECT '0190bedf-0000-7000-8000-' || lpad(k::text, 12, '0'), '$unit', 'G-' || k, 'CLINICO', 'ENFERMARIA', 'DISPONIVEL', now(), 0, now(), 'bench', 'bench', now()
FROM generate_series(1, 20000) k;
ANALYZE;
SQL

paciente_sql() { # the INSERT of patient :n (id and CPF derived from :n)
    cat <<'SQL'
INSERT INTO paciente (id, nome, nome_busca, cpf, nao_identificado, data_nascimento, sexo, nome_mae, municipio, uf, cep, anulado, versao, criado_em, criado_por, no_origem, recebido_em)
VALUES ('0190face-0000-7000-8000-' || lpad(:n::text, 12, '0'), 'Maria da Silva Bench', 'maria da silva bench', lpad((:n + 900000000)::text, 11, '0'), false, '1970-01-01', 'F', 'Josefa da Silva', 'Recife', 'PE', '50050000', false, 0, now(), 'bench', 'pgbench', now());
INSERT INTO applied_operations VALUES (gen_random_uuid()::text, 'paciente', 'create', '0190face-0000-7000-8000-' || lpad(:n::text, 12, '0'), 'pgbench', now(), now());
SQL
    audit_sql paciente CRIAR "'0190face-0000-7000-8000-' || lpad(:n::text, 12, '0')"
}
{
    echo "SELECT nextval('bench_n') AS n \\gset"
    echo "BEGIN;"; paciente_sql; echo "COMMIT;"
} >"$work/pacientes.sql"
{
    echo "SELECT nextval('bench_n') AS n \\gset"
    echo "\\set bed :n % 20000 + 1"
    echo "BEGIN;"; paciente_sql; echo "COMMIT;"
    cat <<SQL
BEGIN;
UPDATE leito SET status = 'OCUPADO', status_desde = now(), versao = versao + 1 WHERE id = '0190bedf-0000-7000-8000-' || lpad(:bed::text, 12, '0');
INSERT INTO atendimento (id, paciente_id, tipo, carater, procedencia, status, inicio, unidade_id, financiamento, cid_principal, versao, criado_em, criado_por, no_origem, recebido_em)
VALUES ('0190a7e0-0000-7000-8000-' || lpad(:n::text, 12, '0'), '0190face-0000-7000-8000-' || lpad(:n::text, 12, '0'), 'INTERNACAO', 'URGENCIA', 'DEMANDA_ESPONTANEA', 'EM_ANDAMENTO', now(), '$unit', 'SUS', 'J189', 0, now(), 'bench', 'pgbench', now());
INSERT INTO ocupacao (id, atendimento_id, leito_id, inicio, versao, criado_em, criado_por, no_origem, recebido_em)
VALUES (gen_random_uuid()::text, '0190a7e0-0000-7000-8000-' || lpad(:n::text, 12, '0'), '0190bedf-0000-7000-8000-' || lpad(:bed::text, 12, '0'), now(), 0, now(), 'bench', 'pgbench', now());
INSERT INTO applied_operations VALUES (gen_random_uuid()::text, 'atendimento', 'create', '0190a7e0-0000-7000-8000-' || lpad(:n::text, 12, '0'), 'pgbench', now(), now());
SQL
    audit_sql atendimento CRIAR "'0190a7e0-0000-7000-8000-' || lpad(:n::text, 12, '0')"
    cat <<SQL
COMMIT;
BEGIN;
INSERT INTO alta (id, atendimento_id, ocorrido_em, motivo, cid_principal, versao, criado_em, criado_por, no_origem, recebido_em)
VALUES (gen_random_uuid()::text, '0190a7e0-0000-7000-8000-' || lpad(:n::text, 12, '0'), now(), 'ALTA_MELHORADO', 'J189', 0, now(), 'bench', 'pgbench', now());
UPDATE ocupacao SET fim = now(), versao = versao + 1 WHERE atendimento_id = '0190a7e0-0000-7000-8000-' || lpad(:n::text, 12, '0') AND fim IS NULL;
UPDATE atendimento SET status = 'FINALIZADO', fim = now(), versao = versao + 1 WHERE id = '0190a7e0-0000-7000-8000-' || lpad(:n::text, 12, '0');
UPDATE leito SET status = 'DISPONIVEL', status_desde = now(), versao = versao + 1 WHERE id = '0190bedf-0000-7000-8000-' || lpad(:bed::text, 12, '0');
INSERT INTO applied_operations VALUES (gen_random_uuid()::text, 'alta', 'create', '0190a7e0-0000-7000-8000-' || lpad(:n::text, 12, '0'), 'pgbench', now(), now());
SQL
    audit_sql alta CRIAR "'0190a7e0-0000-7000-8000-' || lpad(:n::text, 12, '0')"
    echo "COMMIT;"
} >"$work/internacao.sql"

# warm the service up (JIT, connection pool) before measuring: a short unmeasured load
BENCH_AUTH=$auth BENCH_CPF_BASE=50000000 wrk -t 2 -c 4 -d 3s -s "$bench/wrk/pacientes.lua" "http://127.0.0.1:$port" >"$out/wrk-warmup.txt" 2>&1 || true
for c in $concurrencies; do
    run_wrk "pacientes-up" pacientes.lua "$c"; api_p=("$w_rps" "$w_p50" "$w_p99" "$w_201" "$w_other" "$peak_mb" "$w_cpu" "$w_pgcpu")
    run_pgbench "pacientes" "$work/pacientes.sql" "$c"
    rows_up+=("| POST /api/pacientes | $c | $(fmt "${api_p[0]}") | ${api_p[1]} / ${api_p[2]} | ${api_p[6]} / ${api_p[7]} | $(fmt "$g_tps") | $g_p50 / $g_p99 | **$(ratio "${api_p[0]}" "$g_tps")** | ${api_p[3]} / ${api_p[4]} | ${api_p[5]} |")
    [ "$c" = 8 ] && bed_prefix=0190bed1-0000-7000-8000- || bed_prefix=0190bed2-0000-7000-8000-
    run_wrk "internacao-up" internacao.lua "$c"; api_i=("$w_rps" "$w_p50" "$w_p99" "$w_201" "$w_other" "$peak_mb" "$w_cpu" "$w_pgcpu")
    run_pgbench "internacao" "$work/internacao.sql" "$c"
    # pgbench counts one flow (3 operations) as one "transaction"
    g_ops=$(awk -v t="$g_tps" 'BEGIN { printf "%.1f", t * 3 }')
    rows_up+=("| admission flow (register, admit, discharge), requests | $c | $(fmt "${api_i[0]}") | ${api_i[1]} / ${api_i[2]} | ${api_i[6]} / ${api_i[7]} | $(fmt "$g_ops") | per flow $g_p50 / $g_p99 | **$(ratio "${api_i[0]}" "$g_ops")** | ${api_i[3]} / ${api_i[4]} | ${api_i[5]} |")
done
peak_up=$(mb "$(status_kb "$pid" VmHWM)")
footprint[-1]="${footprint[-1]} $peak_up |"
stop_service

fi # end of the phase

# ---------------------------------------------------------------------------------------------------
# 2. Database down
if want down; then
log "== 2. database down"
$db_created || fresh_db  # run alone (BENCH_PHASES=down), the phase has no database yet
java "$bench/Proxy.java" "$proxy_port" "$pgport" "$control_port" >"$out/proxy.log" 2>&1 &
proxy_pid=$!
for _ in $(seq 1 100); do (exec 3<>"/dev/tcp/127.0.0.1/$control_port") 2>/dev/null && break; sleep 0.2; done
proxy() { local a; exec 4<>"/dev/tcp/127.0.0.1/$control_port"; echo "$1" >&4; read -r a <&4; exec 4>&-; log "proxy: $a"; }
start_service "database down" "$proxy_port" "$work/staging-down"

# the limit: the durable file protocol alone, on the staging disk, same concurrency
declare -A raw_rate raw_p50 raw_p99
for c in 1 $concurrencies; do
    read -r raw_rate[$c] raw_p50[$c] raw_p99[$c] _ _ < <(java "$bench/DurableFiles.java" "$work/rawfiles" "$c" "$duration") \
        || die "bench/DurableFiles.java failed"
    log "durable file protocol, $c thread(s): ${raw_rate[$c]} files/s, p50 ${raw_p50[$c]} ms, p99 ${raw_p99[$c]} ms"
done

n_cpf=60000000
until_live() { # waits until a write is applied live again (the circuit closed)
    local t0 code
    t0=$(now_ms)
    while :; do
        n_cpf=$((n_cpf + 1))
        code=$(api /api/pacientes "{\"nome\":\"Maria da Silva Bench\",\"cpf\":\"$(cpf_of $n_cpf)\",\"data_nascimento\":\"1970-01-01\",\"sexo\":\"F\"}")
        [ "$code" = 201 ] && return 0
        [ $(( $(now_ms) - t0 )) -gt 60000 ] && die "writes were not applied live 60 s after the database came back"
        sleep 0.5
    done
}
cpf_of() { java_cpf "$1"; }
java_cpf() { awk -v n="$1" 'BEGIN { s = sprintf("%09d", n); for (i = 1; i <= 9; i++) d[i] = substr(s, i, 1) + 0
    for (k = 10; k <= 11; k++) { sum = 0; for (i = 1; i < k; i++) sum += d[i] * (k + 1 - i); r = sum % 11; d[k] = r < 2 ? 0 : 11 - r }
    for (i = 1; i <= 11; i++) printf "%d", d[i]; print "" }'; }
open_circuit() { # a few writes until they are staged (202): the circuit is open
    local code i
    for i in $(seq 1 20); do
        n_cpf=$((n_cpf + 1))
        code=$(api /api/pacientes "{\"nome\":\"Maria da Silva Bench\",\"cpf\":\"$(cpf_of $n_cpf)\",\"data_nascimento\":\"1970-01-01\",\"sexo\":\"F\"}" 15)
        [ "$code" = 202 ] && return 0
    done
    die "writes were not staged with the database $1"
}

until_live
for mode in refuse blackhole; do
    proxy forward; until_live
    proxy "$mode"
    t_open=$(now_ms); open_circuit "$mode"; t_open=$(( $(now_ms) - t_open ))
    log "$mode: the first write was staged after $t_open ms (the circuit opened)"
    [ "$mode" = blackhole ] && notes+=("With the database black-holed, the first write waited $t_open ms (DATABASE_WRITE_TIMEOUT=1 s) before the circuit opened; the loads below started after that.")
    for c in $concurrencies; do
        tried_before=$(grep -c 'Database unavailable (' "$svc_log" || true)
        run_wrk "pacientes-$mode" pacientes.lua "$c"
        tried=$(( $(grep -c 'Database unavailable (' "$svc_log" || true) - tried_before ))
        rows_down+=("| POST /api/pacientes, database ${mode}d | $c | $(fmt "$w_rps") | $w_p50 / $w_p99 | $w_max | $w_cpu | ${raw_rate[$c]} | ${raw_p50[$c]} / ${raw_p99[$c]} | **$(ratio "$w_rps" "${raw_rate[$c]}")** | $w_202 / $((w_201 + w_other)) | $peak_mb |")
        if [ "$mode" = blackhole ]; then
            notes+=("Black-holed, $c clients, POST /api/pacientes: **$tried** of $((w_201 + w_202 + w_other)) requests tried the database (each would have waited up to DATABASE_WRITE_TIMEOUT = $write_timeout_ms ms and logged \`Database unavailable\`); slowest request $w_max ms.")
        fi
        bed_prefix=0190bedd-0000-7000-8000-
        run_wrk "internacao-$mode" internacao.lua "$c"
        rows_down+=("| admission flow, database ${mode}d | $c | $(fmt "$w_rps") | $w_p50 / $w_p99 | $w_max | $w_cpu | ${raw_rate[$c]} | ${raw_p50[$c]} / ${raw_p99[$c]} | **$(ratio "$w_rps" "${raw_rate[$c]}")** | $w_202 / $((w_201 + w_other)) | $peak_mb |")
    done
done
peak_down=$(mb "$(status_kb "$pid" VmHWM)")
footprint[-1]="${footprint[-1]} $peak_down |"
stop_service
kill "$proxy_pid" 2>/dev/null || true; wait "$proxy_pid" 2>/dev/null || true; proxy_pid=

fi # end of the phase

# ---------------------------------------------------------------------------------------------------
# 3. Replay
if want replay; then
log "== 3. replay of $replay_ops staged operations"
fresh_db
staging=$work/staging-replay
log "staging the backlog with StagingStore (8 threads)"
read -r gen_ops gen_s gen_rate gen_stories gen_beds < <(java -cp "$app_cp" "$bench/StagedBacklog.java" "$staging" "$node" "$key" "$replay_ops" 8 "$work/ids.txt" 2>"$out/generator.log" | tail -n 1) \
    || die "the backlog generator failed (see $out/generator.log)"
log "staged $gen_ops operations ($gen_stories patient stories, $gen_beds beds) in $gen_s s: $gen_rate files/s"
jfr_opts=
if [ "${BENCH_JFR:-0}" = 1 ]; then
    jfr_opts="-XX:StartFlightRecording=filename=$out/replay.jfr,settings=profile"
fi
BENCH_JAVA_OPTS_EXTRA=$jfr_opts start_service "replay, $gen_ops staged" "$pgport" "$staging"
start_sampler
t0=$(now_ms)
code=$(api /api/staging/replay '' 3600)
replay_ms=$(( $(now_ms) - t0 ))
stop_sampler
cp "$work/api.out" "$out/replay-result.json"
[ "$code" = 200 ] || die "POST /api/staging/replay answered $code (see $out/replay-result.json)"
applied=$(sed -n 's/.*"aplicadas":\([0-9]*\).*/\1/p' "$work/api.out")
replay_rate=$(awk -v n="$applied" -v ms="$replay_ms" 'BEGIN { printf "%.0f", n * 1000 / ms }')
log "replay: $applied applied in $replay_ms ms ($replay_rate ops/s); $(cat "$work/api.out")"

# exactly once: the counts, the ledger against the staged ids, and a second replay that applies nothing
code=$(api /api/staging/replay '' 120)
again=$(sed -n 's/.*"aplicadas":\([0-9]*\).*/\1/p' "$work/api.out")
psql_ -d "$db" -c "CREATE TEMP TABLE staged (id varchar(36))" -c "\\copy staged FROM '$work/ids.txt'" \
    -At -F ' ' -c "SELECT (SELECT count(*) FROM staged),
        (SELECT count(*) FROM applied_operations),
        (SELECT count(*) FROM applied_operations a JOIN staged s ON s.id = a.operation_id),
        (SELECT count(*) FROM unidade), (SELECT count(*) FROM leito), (SELECT count(*) FROM paciente),
        (SELECT count(*) FROM paciente WHERE versao = 1 AND telefone IS NOT NULL),
        (SELECT count(*) FROM atendimento WHERE status = 'FINALIZADO'), (SELECT count(*) FROM ocupacao),
        (SELECT count(*) FROM transferencia), (SELECT count(*) FROM alta),
        (SELECT count(*) FROM leito WHERE status = 'DISPONIVEL')" >"$work/counts.txt"
read -r c_staged c_ledger c_match c_unit c_beds c_pac c_pac_upd c_atd c_ocup c_transf c_alta c_beds_free <"$work/counts.txt"
pending_left=$( { find "$staging/create" "$staging/update" -name '*.json' 2>/dev/null || true; } | wc -l)
held=$( { find "$staging/quarantine" "$staging/conflicts" -name '*.json' ! -name '*.reason.json' 2>/dev/null || true; } | wc -l)
s=$gen_stories
expect="$gen_ops $gen_ops $gen_ops 1 $gen_beds $s $s $s $((2 * s)) $s $s $gen_beds"
got="$c_staged $c_ledger $c_match $c_unit $c_beds $c_pac $c_pac_upd $c_atd $c_ocup $c_transf $c_alta $c_beds_free"
if [ "$expect" = "$got" ] && [ "$pending_left" = 0 ] && [ "$held" = 0 ] && [ "${again:-x}" = 0 ] && [ "$applied" = "$gen_ops" ]; then
    check="exactly once: the ledger holds the $gen_ops staged ids and nothing else; $s patients (each updated once), $s admissions finished, $((2 * s)) occupancies, $s transfers, $s discharges, all $gen_beds beds free again; no file left pending, quarantined or in conflict; a second replay applied 0"
    log "check passed: $check"
else
    find "$staging/quarantine" "$staging/conflicts" -name '*.reason.json' 2>/dev/null | head -n 5 | xargs -r cat >"$out/held-reasons.txt" 2>/dev/null || true
    die "replay check: expected [$expect] got [$got]; applied $applied of $gen_ops, second replay applied ${again:-?}, pending $pending_left, held $held (reasons in $out/held-reasons.txt)"
fi
peak_replay=$(mb "$(status_kb "$pid" VmHWM)")
footprint[-1]="${footprint[-1]} $peak_replay |"
replay_peak=$peak_mb
stop_service

# the limit: the same rows, set-based, 500 operations (71 stories of 7, plus 3 bed changes; ledger rows and audit entries included) per transaction
cat >"$work/replay.sql" <<SQL
SELECT nextval('bench_n') AS b \\gset
\\set lo :b * 71
\\set hi :lo + 70
BEGIN;
CREATE TEMP TABLE IF NOT EXISTS s (g bigint, p text, a text, la text, lb text) ON COMMIT DELETE ROWS;
INSERT INTO s SELECT g, '0190face-0000-7000-8000-' || lpad(g::text, 12, '0'), '0190a7e0-0000-7000-8000-' || lpad(g::text, 12, '0'),
    '0190bedf-0000-7000-8000-' || lpad((2 * (g % 10000) + 1)::text, 12, '0'), '0190bedf-0000-7000-8000-' || lpad((2 * (g % 10000) + 2)::text, 12, '0')
FROM generate_series(:lo, :hi) g;
INSERT INTO paciente (id, nome, nome_busca, cpf, nao_identificado, data_nascimento, sexo, nome_mae, municipio, uf, cep, anulado, versao, criado_em, criado_por, no_origem, recebido_em)
SELECT p, 'Maria da Silva Bench', 'maria da silva bench', lpad((g + 900000000)::text, 11, '0'), false, '1970-01-01', 'F', 'Josefa da Silva', 'Recife', 'PE', '50050000', false, 0, now(), 'bench', 'pgbench', now() FROM s;
UPDATE paciente SET telefone = '81999990000', bairro = 'Boa Vista', versao = versao + 1, atualizado_em = now(), atualizado_por = 'bench' FROM s WHERE paciente.id = s.p;
UPDATE leito SET status = 'OCUPADO', status_desde = now(), versao = versao + 1 FROM s WHERE leito.id = s.la;
INSERT INTO atendimento (id, paciente_id, tipo, carater, procedencia, status, inicio, unidade_id, financiamento, cid_principal, versao, criado_em, criado_por, no_origem, recebido_em)
SELECT a, p, 'INTERNACAO', 'URGENCIA', 'DEMANDA_ESPONTANEA', 'EM_ANDAMENTO', now(), '$unit', 'SUS', 'J189', 0, now(), 'bench', 'pgbench', now() FROM s;
INSERT INTO ocupacao (id, atendimento_id, leito_id, inicio, versao, criado_em, criado_por, no_origem, recebido_em)
SELECT gen_random_uuid()::text, a, la, now(), 0, now(), 'bench', 'pgbench', now() FROM s;
UPDATE ocupacao SET fim = now(), versao = versao + 1 FROM s WHERE ocupacao.atendimento_id = s.a AND ocupacao.fim IS NULL;
INSERT INTO ocupacao (id, atendimento_id, leito_id, inicio, versao, criado_em, criado_por, no_origem, recebido_em)
SELECT gen_random_uuid()::text, a, lb, now(), 0, now(), 'bench', 'pgbench', now() FROM s;
UPDATE leito SET status = 'HIGIENIZACAO', versao = versao + 1 FROM s WHERE leito.id = s.la;
UPDATE leito SET status = 'OCUPADO', versao = versao + 1 FROM s WHERE leito.id = s.lb;
INSERT INTO transferencia (id, atendimento_id, leito_origem_id, leito_destino_id, ocorrido_em, motivo, versao, criado_em, criado_por, no_origem, recebido_em)
SELECT gen_random_uuid()::text, a, la, lb, now(), 'MUDANCA_NIVEL_CUIDADO', 0, now(), 'bench', 'pgbench', now() FROM s;
INSERT INTO alta (id, atendimento_id, ocorrido_em, motivo, cid_principal, versao, criado_em, criado_por, no_origem, recebido_em)
SELECT gen_random_uuid()::text, a, now(), 'ALTA_MELHORADO', 'J189', 0, now(), 'bench', 'pgbench', now() FROM s;
UPDATE ocupacao SET fim = now(), versao = versao + 1 FROM s WHERE ocupacao.atendimento_id = s.a AND ocupacao.fim IS NULL;
UPDATE atendimento SET status = 'FINALIZADO', fim = now(), versao = versao + 1 FROM s WHERE atendimento.id = s.a;
UPDATE leito SET status = 'HIGIENIZACAO', versao = versao + 1 FROM s WHERE leito.id = s.lb;
UPDATE leito SET status = 'DISPONIVEL', versao = versao + 1 FROM s WHERE leito.id IN (s.la, s.lb);
INSERT INTO applied_operations SELECT gen_random_uuid()::text, e, 'create', p, 'pgbench', now(), now()
FROM s, (VALUES ('paciente'), ('paciente'), ('atendimento'), ('transferencia'), ('alta'), ('leito'), ('leito')) v(e);
INSERT INTO applied_operations SELECT gen_random_uuid()::text, 'leito', 'update', 'x', 'pgbench', now(), now() FROM generate_series(1, 3);
INSERT INTO trilha_auditoria ($audit_cols)
SELECT gen_random_uuid()::text, 'pgbench', -nextval('bench_audit'), now(), now(), 'bench', 'pgbench', '127.0.0.1', v.acao, 'criar', v.e, p, gen_random_uuid()::text, 'SUCESSO', repeat('0', 64), repeat('0', 64)
FROM s, (VALUES ('paciente', 'CRIAR'), ('paciente', 'ALTERAR'), ('atendimento', 'CRIAR'), ('transferencia', 'CRIAR'), ('alta', 'CRIAR'), ('leito', 'ALTERAR'), ('leito', 'ALTERAR')) v(e, acao);
INSERT INTO trilha_auditoria ($audit_cols)
SELECT gen_random_uuid()::text, 'pgbench', -nextval('bench_audit'), now(), now(), 'bench', 'pgbench', '127.0.0.1', 'ALTERAR', 'mudar-status', 'leito', 'x', gen_random_uuid()::text, 'SUCESSO', repeat('0', 64), repeat('0', 64) FROM generate_series(1, 3);
COMMIT;
SQL
psql_ -d "$db" >/dev/null <<SQL
CREATE SEQUENCE bench_n;
CREATE SEQUENCE bench_audit;
INSERT INTO unidade (id, codigo, nome, tipo, aceita_internacao, ativo, versao, criado_em, criado_por, no_origem, recebido_em)
VALUES ('$unit', 'BENCH-G', 'Enfermaria do pgbench', 'ENFERMARIA', true, true, 0, now(), 'bench', 'bench', now());
INSERT INTO leito (id, unidade_id, codigo, tipo, acomodacao, status, status_desde, versao, criado_em, criado_por, no_origem, recebido_em)
SELECT '0190bedf-0000-7000-8000-' || lpad(k::text, 12, '0'), '$unit', 'G-' || k, 'CLINICO', 'ENFERMARIA', 'DISPONIVEL', now(), 0, now(), 'bench', 'bench', now()
FROM generate_series(1, 20000) k;
ANALYZE;
SQL
run_pgbench "replay" "$work/replay.sql" 1
limit_replay=$(awk -v t="$g_tps" 'BEGIN { printf "%.0f", t * 500 }')
limit_total=$(awk -v r="$limit_replay" -v n="$gen_ops" 'BEGIN { printf "%.1f", n / r }')
rows_replay+=("| drain $gen_ops staged operations (POST /api/staging/replay) | $(awk -v ms="$replay_ms" 'BEGIN { printf "%.1f", ms / 1000 }') | $replay_rate | $limit_total | $limit_replay | **$(ratio "$replay_rate" "$limit_replay")** | $replay_peak |")

fi # end of the phase

# ---------------------------------------------------------------------------------------------------
# Report
load_end=$(cut -d' ' -f1-3 /proc/loadavg)
summary="$(date '+%Y-%m-%d %H:%M %Z'), $(nproc) CPUs, $(awk '/MemTotal/ { printf "%.0f GB", $2 / 1048576 }' /proc/meminfo) RAM, $(java -version 2>&1 | head -n 1), $(psql_ -d postgres -At -c 'SHOW server_version' | cut -d' ' -f1) on loopback; ${duration} s per load; load average $load_start at start, $load_end at end$([ "$quick" = 1 ] && echo '; QUICK MODE (small counts, not comparable)' || true)."
report=$work/report.md
{
    echo "### Run of $(date '+%Y-%m-%d %H:%M')"
    echo
    echo "$summary"
    echo
    if [ ${#rows_up[@]} -gt 0 ]; then
    echo "**1. Database up** (limit: pgbench, same rows + ledger rows + audit entries, one transaction per operation, same clients)"
    echo
    echo "| Load | Clients | Service req/s | p50 / p99 ms | CPU µs/req service / PostgreSQL | Limit ops/s | Limit p50 / p99 ms | Ratio | 201 / other | Peak RSS MB |"
    echo "|---|---|---|---|---|---|---|---|---|---|"
    printf '%s\n' "${rows_up[@]}"
    echo
    fi
    if [ ${#rows_down[@]} -gt 0 ]; then
    echo "**2. Database down** (limit: write + fsync + atomic rename + directory fsync of a 600-byte file, same threads, same disk; 1 thread: ${raw_rate[1]} files/s)"
    echo
    echo "| Load | Clients | Service req/s | p50 / p99 ms | Max ms | CPU µs/req | Limit files/s | Limit p50 / p99 ms | Ratio | 202 / other | Peak RSS MB |"
    echo "|---|---|---|---|---|---|---|---|---|---|---|"
    printf '%s\n' "${rows_down[@]}"
    echo
    if [ ${#notes[@]} -gt 0 ]; then printf -- '- %s\n' "${notes[@]}"; echo; fi
    fi
    if [ ${#rows_replay[@]} -gt 0 ]; then
    echo "**3. Replay** (limit: pgbench, the same rows set-based, 500 operations per transaction, one client)"
    echo
    echo "| Work | Total s | Ops/s | Limit total s | Limit ops/s | Ratio | Peak RSS MB |"
    echo "|---|---|---|---|---|---|---|"
    printf '%s\n' "${rows_replay[@]}"
    echo
    echo "Backlog: $gen_ops operations ($gen_stories patient stories of 7: register, correct, admit, transfer, discharge, release both beds; plus 1 unit and $gen_beds beds), staged through \`StagingStore\` by 8 threads at $gen_rate files/s. Check: $check."
    echo
    fi
    echo "**4. Footprint** (\`deploy/hospital-api.sh\`; healthy = \`/actuator/health\` answers; peak = VmHWM over the whole phase)"
    echo
    echo "| Start | Healthy s | RSS idle MB | Peak RSS MB |"
    echo "|---|---|---|---|"
    printf '%s\n' "${footprint[@]}"
    echo
} >"$report"
echo
cat "$report"
cp "$report" "$out/report.md"

if $append; then
    doc=$root/docs/BENCHMARKS.md
    section='## Write path, staging and replay'
    grep -q "^$section" "$doc" || printf '\n%s\n\nThe runs of `bench/run.sh`, newest first.\n\n' "$section" >>"$doc"
    # the new run goes first under the section's introduction (before its first "### Run of")
    awk -v blockfile="$report" -v section="$section" '
        function emit() { while ((getline l < blockfile) > 0) print l; done = 1 }
        $0 == section { inside = 1 }
        inside && !done && (/^### Run of/ || (/^## / && $0 != section)) { emit(); if (/^## /) print "" }
        { print }
        END { if (!done) { print ""; emit() } }
    ' "$doc" >"$work/doc.md"
    cp "$work/doc.md" "$doc"
    log "added to $doc"
fi
[ -n "$profiler" ] && log "profiles: $out/profile-*.collapsed (java bench/Profile.java FILE http-nio-$port-exec)"
log "raw output in $out"
exit 0
} # end of the script
