#!/usr/bin/env bash
# bench/startup.sh - start-up time and resident memory of hospital-api on SQLite, per launch variant.
#
#   bench/startup.sh [--runs N] [--requests N] [--concurrency N] [--idle S] [--port P]
#                    [--variants "a b ..."] [--explore] [--append] [--deadline S]
#
# A benchmark, not a test: it never fails because the machine is slow. For each variant and run it
# starts the packaged service in a fresh temporary working directory (fresh SQLite file, so each
# start also creates the schema), with a bootstrap administrator from HOSPITAL_ADMIN_USER /
# HOSPITAL_ADMIN_PASSWORD, and measures:
#   ready     wall time from launching the process to /actuator/health answering UP (curl polls)
#   cpu       CPU seconds (user+system) the process had used when it became ready
#   idle      VmRSS from /proc/<pid>/status after --idle seconds of quiet
#   load      VmRSS after --requests authenticated POST /api/unidades (unique codes) sent by one
#             curl process with --concurrency parallel connections; and their rate
#   peak      VmHWM (the highest VmRSS of the process's life)
# then stops the process with SIGTERM (graceful shutdown). Medians over --runs are printed as a
# Markdown table; --append also writes it, dated, into docs/BENCHMARKS.md under "Start-up and memory".
# Only loopback traffic; needs bash, curl, java 17 and the Maven wrapper (to build the jar if missing).
# Raw figures per run go to bench/results/startup-<date>.csv, with the log of any failed run.
# Defaults: 3 runs, 2,000 requests, concurrency 4, 5 s idle, port 18090; --deadline 1200 s, after
# which no new run starts. While every request pays a bcrypt check (docs/BENCHMARKS.md) 2,000
# requests take minutes per run: --requests 500 keeps the whole run near 10 minutes.
#
# Variants (--variants picks some, by name; --explore adds the ablations used to choose the options):
#   plain         java -jar target/hospital-api-*.jar
#   plain-small   java -Xmx128m -jar target/hospital-api-*.jar
#   recommended   deploy/hospital-api.sh (extracted layout + AppCDS archive + its default options)
# Explore (each is deploy/hospital-api.sh with HOSPITAL_JAVA_OPTS set to what the name says):
#   extracted     recommended options, no CDS archive (HOSPITAL_API_CDS=off)
#   cds-defaults  archive, JVM defaults (no options)
#   cds-xmx       archive, -Xmx128m
#   cds-c1        archive, -Xmx128m -XX:TieredStopAtLevel=1
#   cds-c1-serial archive, -Xmx128m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC
#   rec-xms       recommended with -Xms32m
#   rec-no-xmn    recommended without -Xmn16m
#   rec-xmx96     recommended with -Xmx96m
#   rec-xmx64     recommended with -Xmx64m
#   rec-xss       recommended with -Xss512k
#   rec-metaspace recommended with -XX:MaxMetaspaceSize=96m
#   rec-noreloc   recommended with -XX:ArchiveRelocationMode=0 (archive mapped at its own address)
#   rec-arena2    recommended with MALLOC_ARENA_MAX=2 in the environment
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
runs=3 requests=2000 concurrency=4 idle=5 port=18090 append=false explore=false deadline=1200
variants="plain plain-small recommended"
explore_variants="extracted cds-defaults cds-xmx cds-c1 cds-c1-serial rec-xms rec-no-xmn rec-xmx96 rec-xmx64 rec-xss rec-metaspace rec-noreloc rec-arena2"

usage() { sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'; exit "${1:-0}"; }
while [ $# -gt 0 ]; do
    case "$1" in
        --runs) runs=$2; shift ;;
        --requests) requests=$2; shift ;;
        --concurrency) concurrency=$2; shift ;;
        --idle) idle=$2; shift ;;
        --port) port=$2; shift ;;
        --variants) variants=$2; shift ;;
        --explore) explore=true ;;
        --append) append=true ;;
        --deadline) deadline=$2; shift ;;
        -h|--help) usage 0 ;;
        *) echo "unknown argument: $1" >&2; usage 2 ;;
    esac
    shift
done
$explore && variants="$variants $explore_variants"

log() { printf '[startup %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "$*"; exit 1; }

command -v curl >/dev/null || die "curl is needed"
command -v java >/dev/null || die "java 17 is needed"
if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then die "port $port is in use: choose another with --port"; fi

jar=$(ls "$root"/target/hospital-api-*.jar 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$jar" ]; then
    log "no jar in target/: building it (./mvnw package -DskipTests)"
    (cd "$root" && ./mvnw -B -q -DskipTests package)
    jar=$(ls "$root"/target/hospital-api-*.jar | sort -V | tail -n 1)
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/hospital-startup.XXXXXX")
export HOSPITAL_API_CACHE=$work/cache   # prepared versions of the launcher, thrown away at the end
pid=
cleanup() {
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then kill -KILL "$pid" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

admin_user=bench
admin_password="bench-$(date +%s)-$RANDOM-password"
started_at=$(date +%s)
clk_tck=$(getconf CLK_TCK)
stamp=$(date +%Y-%m-%d-%H%M%S)
mkdir -p "$root/bench/results"
csv=$root/bench/results/startup-$stamp.csv
evidence_root=$root/bench/results/startup-$stamp
echo "variant,run,ready_s,cpu_s,idle_mb,load_mb,peak_mb,post_per_s,ok,loadavg1" >"$csv"

recommended_opts=$(sed -n "s/^DEFAULT_JAVA_OPTS='\(.*\)'$/\1/p" "$root/deploy/hospital-api.sh")
[ -n "$recommended_opts" ] || die "cannot read DEFAULT_JAVA_OPTS from deploy/hospital-api.sh"

# Sets launch (the command, an array), launch_env (extra environment) and describe (the table text).
variant() {
    launch_env=()
    local opts
    case "$1" in
        plain) launch=(java -jar "$jar"); describe='`java -jar app.jar`'; return ;;
        plain-small) launch=(java -Xmx128m -jar "$jar"); describe='`java -Xmx128m -jar app.jar`'; return ;;
        recommended) launch=("$root/deploy/hospital-api.sh")
            describe="\`deploy/hospital-api.sh\`: extracted + CDS + \`$recommended_opts\`"; return ;;
        extracted) opts=$recommended_opts; launch_env=(HOSPITAL_API_CDS=off) ;;
        cds-defaults) opts= ;;
        cds-xmx) opts=-Xmx128m ;;
        cds-c1) opts='-Xmx128m -XX:TieredStopAtLevel=1' ;;
        cds-c1-serial) opts='-Xmx128m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC' ;;
        rec-xms) opts="$recommended_opts -Xms32m" ;;
        rec-no-xmn) opts=${recommended_opts/-Xmn16m /} ;;
        rec-xmx96) opts=${recommended_opts/-Xmx128m/-Xmx96m} ;;
        rec-xmx64) opts=${recommended_opts/-Xmx128m/-Xmx64m} ;;
        rec-xss) opts="$recommended_opts -Xss512k" ;;
        rec-metaspace) opts="$recommended_opts -XX:MaxMetaspaceSize=96m" ;;
        rec-noreloc) opts="$recommended_opts -XX:+UnlockDiagnosticVMOptions -XX:ArchiveRelocationMode=0" ;;
        rec-arena2) opts=$recommended_opts; launch_env=(MALLOC_ARENA_MAX=2) ;;
        *) die "unknown variant: $1" ;;
    esac
    launch=("$root/deploy/hospital-api.sh")
    launch_env+=("HOSPITAL_JAVA_OPTS=$opts")
    case "$1" in
        extracted) describe="extracted, no CDS, \`$opts\`" ;;
        rec-arena2) describe="extracted + CDS, \`$opts\`, MALLOC_ARENA_MAX=2" ;;
        *) describe="extracted + CDS, \`${opts:-(JVM defaults)}\`" ;;
    esac
}

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
status_kb() { awk -v k="$2:" '$1 == k { print $2 }' "/proc/$1/status"; }
cpu_s() { awk -v t="$clk_tck" '{ sub(/.*\) /, ""); printf "%.1f", ($12 + $13) / t }' "/proc/$1/stat"; }
mb() { awk -v kb="$1" 'BEGIN { printf "%.0f", kb / 1024 }'; }

# One curl config file holding every request, so one process sends them over reused connections.
write_requests() {
    local file=$1 tag=$2 i
    {
        for ((i = 1; i <= requests; i++)); do
            printf 'url = "http://127.0.0.1:%s/api/unidades"\n' "$port"
            printf 'user = "%s:%s"\n' "$admin_user" "$admin_password"
            printf 'header = "Content-Type: application/json"\n'
            printf 'data = "{\\"codigo\\":\\"B%s-%d\\",\\"nome\\":\\"Enfermaria de teste %d\\",\\"tipo\\":\\"ENFERMARIA\\",\\"aceita_internacao\\":true,\\"ativo\\":true}"\n' "$tag" "$i" "$i"
            printf 'output = "/dev/null"\nwrite-out = "%%{http_code}\\n"\n'
            [ "$i" -lt "$requests" ] && printf 'next\n'
        done
    } >"$file"
}

stop_server() {
    kill -TERM "$pid" 2>/dev/null || true
    local waited=0
    while kill -0 "$pid" 2>/dev/null && [ $waited -lt 300 ]; do sleep 0.1; waited=$((waited + 1)); done
    kill -0 "$pid" 2>/dev/null && { log "no exit 30 s after SIGTERM: killing"; kill -KILL "$pid" 2>/dev/null || true; }
    exit_status=0
    wait "$pid" 2>/dev/null || exit_status=$?
    pid=
}

# Keeps the evidence of a failed run (its log, any JVM crash file) beside the raw figures.
keep_evidence() {
    local dir=$1 dest=$2
    mkdir -p "$dest"
    cp "$dir"/out.log "$dir"/curl.err "$dir"/hs_err_pid*.log "$dest"/ 2>/dev/null || true
    log "evidence kept in $dest"
}

# One run: sets result to "ready cpu idle load peak rate ok loadavg", or returns non-zero. Not called
# in a subshell, so that the EXIT trap always knows the server's pid.
one_run() {
    local name=$1 run=$2 dir t0 t1 body ready cpu idle_kb load_kb peak_kb l0 l1 codes ok rate la
    dir=$(mktemp -d "$work/run.XXXXXX")
    la=$(cut -d' ' -f1 /proc/loadavg)
    t0=$(now_ms)
    (cd "$dir" && exec env HOSPITAL_ADMIN_USER="$admin_user" HOSPITAL_ADMIN_PASSWORD="$admin_password" \
        SERVER_PORT="$port" "${launch_env[@]}" "${launch[@]}") >"$dir/out.log" 2>&1 &
    pid=$!
    while :; do
        if ! kill -0 "$pid" 2>/dev/null; then stop_server; log "$name run $run: the process ended before it was ready (exit status $exit_status)"; keep_evidence "$dir" "$evidence_root/$name-run$run"; return 1; fi
        body=$(curl -s -m 1 "http://127.0.0.1:$port/actuator/health" || true)
        case "$body" in *'"status":"UP"'*) break ;; esac
        if [ $(( $(now_ms) - t0 )) -gt 180000 ]; then log "$name run $run: not UP after 180 s"; stop_server; return 1; fi
        sleep 0.05
    done
    t1=$(now_ms)
    cpu=$(cpu_s "$pid")
    ready=$(awk -v ms=$((t1 - t0)) 'BEGIN { printf "%.2f", ms / 1000 }')
    sleep "$idle"
    idle_kb=$(status_kb "$pid" VmRSS)
    write_requests "$dir/requests.cfg" "$run$RANDOM"
    l0=$(now_ms)
    codes=$(curl -sS --parallel --parallel-immediate --parallel-max "$concurrency" -K "$dir/requests.cfg" 2>"$dir/curl.err" || true)
    l1=$(now_ms)
    ok=$(grep -c '^201$' <<<"$codes" || true)
    rate=$(awk -v n="$requests" -v ms=$((l1 - l0)) 'BEGIN { printf "%.0f", n * 1000 / (ms > 0 ? ms : 1) }')
    sleep 2
    if ! kill -0 "$pid" 2>/dev/null; then
        stop_server
        log "$name run $run: the process ended during the load (exit status $exit_status) after $ok of $requests POSTs"
        keep_evidence "$dir" "$evidence_root/$name-run$run"
        return 1
    fi
    load_kb=$(status_kb "$pid" VmRSS)
    peak_kb=$(status_kb "$pid" VmHWM)
    stop_server
    if [ "$ok" -ne "$requests" ]; then
        log "$name run $run: only $ok of $requests POSTs answered 201"
        keep_evidence "$dir" "$evidence_root/$name-run$run"
    fi
    result="$ready $cpu $(mb "$idle_kb") $(mb "$load_kb") $(mb "$peak_kb") $rate $ok $la"
}

median() { sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) { print "-"; exit } if (NR % 2) print v[(NR + 1) / 2]; else printf "%.2f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
range() { sort -n | awk 'NR == 1 { lo = $1 } { hi = $1 } END { if (NR) printf "%s–%s", lo, hi }'; }

log "jar: $jar; variants: $variants; $runs run(s) each; $requests POSTs at concurrency $concurrency"
log "load average at start: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) CPU(s)"
load_start=$(cut -d' ' -f1-3 /proc/loadavg)
rows=()
prepare_note=
out_of_time=false
for name in $variants; do
    $out_of_time && break
    variant "$name"
    if [ "${launch[0]}" = "$root/deploy/hospital-api.sh" ]; then
        t0=$(now_ms)
        mkdir -p "$evidence_root"
        if ! env "${launch_env[@]}" "$root/deploy/hospital-api.sh" prepare 2>"$evidence_root/$name-prepare.log"; then
            log "$name: prepare failed (log: $evidence_root/$name-prepare.log); trying once more"
            if ! env "${launch_env[@]}" "$root/deploy/hospital-api.sh" prepare 2>>"$evidence_root/$name-prepare.log"; then
                log "$name: prepare failed again: variant skipped"
                rows+=("| $name | $describe (preparation failed) | - | - | - | - | - | - | - |")
                continue
            fi
        fi
        rm -f "$evidence_root/$name-prepare.log"
        rmdir "$evidence_root" 2>/dev/null || true
        p=$(awk -v ms=$(( $(now_ms) - t0 )) 'BEGIN { printf "%.0f", ms / 1000 }')
        log "$name: prepared (extract + training run) in $p s"
        [ "$name" = recommended ] && prepare_note=$p
    fi
    results=()
    failed=0
    for ((r = 1; r <= runs; r++)); do
        if [ $(( $(date +%s) - started_at )) -gt "$deadline" ]; then log "deadline of $deadline s reached: stopping here"; out_of_time=true; break; fi
        if one_run "$name" "$r"; then
            log "$name run $r: ready/cpu/idle/load/peak/rate/ok/loadavg = $result"
            results+=("$result")
            echo "$name,$r,${result// /,}" >>"$csv"
        else
            failed=$((failed + 1))
            echo "$name,$r,failed" >>"$csv"
        fi
    done
    [ ${#results[@]} -gt 0 ] || { log "$name: no successful run"; continue; }
    col() { printf '%s\n' "${results[@]}" | awk -v c="$1" '{ print $c }'; }
    note=
    [ "$failed" -gt 0 ] && note=" ($failed of $((failed + ${#results[@]})) runs failed, not counted)"
    rows+=("| $name | $describe$note | $(col 1 | median) ($(col 1 | range)) | $(col 2 | median) | $(col 3 | median) | $(col 4 | median) | $(col 5 | median) | $(col 6 | median) | $(col 8 | median) |")
done
load_end=$(cut -d' ' -f1-3 /proc/loadavg)

table=$(
    echo "| Variant | Launch | Ready s, median (range) | CPU s to ready | RSS idle MB | RSS after load MB | Peak RSS MB | POST/s | Load avg (1 min) at start |"
    echo "|---|---|---|---|---|---|---|---|---|"
    printf '%s\n' "${rows[@]}"
)
summary="$(date '+%Y-%m-%d %H:%M %Z'), $(nproc) CPUs, $(awk '/MemTotal/ { printf "%.0f GB", $2 / 1048576 }' /proc/meminfo) RAM, $(java -version 2>&1 | head -n 1); SQLite, fresh database per start; medians of $runs run(s); load: $requests POST /api/unidades at concurrency $concurrency (one curl); load average $load_start at start, $load_end at end."
echo
echo "$summary"
[ -n "$prepare_note" ] && echo "The recommended launch's one-off preparation (extract + training run) took $prepare_note s."
echo
echo "$table"
log "raw figures: $csv"

if $append; then
    doc=$root/docs/BENCHMARKS.md
    block=$work/block.md
    {
        echo "### Run of $(date '+%Y-%m-%d %H:%M')"
        echo
        echo "$summary"
        [ -n "$prepare_note" ] && echo "One-off preparation of the recommended launch (extract + training run): $prepare_note s."
        echo
        echo "$table"
        echo
    } >"$block"
    [ -f "$doc" ] || printf '# Benchmarks\n\n## Start-up and memory\n\n' >"$doc"
    grep -q '^## Start-up and memory' "$doc" || printf '\n## Start-up and memory\n\n' >>"$doc"
    # insert before the heading that follows "## Start-up and memory", or at the end
    awk -v blockfile="$block" '
        function emit() { while ((getline l < blockfile) > 0) print l; done = 1 }
        /^## / && inside && !done { emit() }
        /^## Start-up and memory/ { inside = 1 }
        { print }
        END { if (!done) { print ""; emit() } }
    ' "$doc" >"$work/doc.md"
    cp "$work/doc.md" "$doc"
    log "appended to $doc"
fi
