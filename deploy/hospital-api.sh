#!/bin/sh
# hospital-api.sh - start one node of hospital-api the way RHP's small machines should run it.
#
#   hospital-api.sh [prepare | run] [application arguments...]
#
#   run (default)  prepare if needed, then replace this shell with the JVM (exec), so the
#                  process id, signals and exit code are the service's own (systemd, Ctrl-C).
#   prepare        only prepare, then exit (optional: the first start prepares anyway; run it
#                  with the service's user and environment, or it prepares a cache of its own).
#
# Once per version of the jar (and of the JVM and its options) it prepares, in a cache directory:
#   1. the extracted layout: `java -Djarmode=tools -jar app.jar extract` (application jar + lib/);
#      classes load from plain jars instead of jars nested in the fat jar;
#   2. an AppCDS archive (app.jsa) from Spring Boot's training run: the application starts with
#      -XX:ArchiveClassesAtExit and -Dspring.context.exit=onRefresh, so it stops as soon as the
#      context is refreshed, before the web server starts, and the JVM writes the classes it loaded.
#      Java 17 has no -XX:+AutoCreateSharedArchive (Java 19+), hence this explicit step.
# then starts `java <options> -XX:SharedArchiveFile=app.jsa -jar <extracted>/app.jar`.
# docs/BENCHMARKS.md has the measurements behind the options; deploy/README.md the installation.
#
# The working directory is NOT changed: the application reads .env and keeps data/ and staging/
# relative to the directory it is started in, so start it from the node's directory
# (systemd: WorkingDirectory=). Every path this script uses is absolute.
#
# Environment (all optional):
#   HOSPITAL_API_JAR         the fat jar; default: hospital-api.jar beside this script, else the
#                            newest ../target/hospital-api-*.jar (running from a source checkout)
#   HOSPITAL_API_CACHE       where prepared versions live; default: $CACHE_DIRECTORY (set by systemd's
#                            CacheDirectory=), else ${XDG_CACHE_HOME:-$HOME/.cache}/hospital-api
#   HOSPITAL_JAVA_OPTS       JVM options, replacing the recommended ones below (set it empty to
#                            get the JVM's own defaults); a change prepares a new archive
#   HOSPITAL_JAVA_OPTS_EXTRA JVM options added after them (e.g. -Xlog:gc or a heap dump path)
#   HOSPITAL_API_CDS=off     start without the archive (to rule it out when diagnosing)
#   JAVA_HOME                the Java 17+ to use; default: `java` from PATH
# JVM options are read here, from the environment, because the JVM starts before the application
# reads .env: with systemd put them in Environment= or the unit's EnvironmentFile=.
set -eu

# Recommended for a small node (2 cores, a few GB shared with other programs). Each was kept because
# it measured better on start-up time or resident memory; docs/BENCHMARKS.md has the figures.
#   -XX:TieredStopAtLevel=1  C1 compiler only: about half the start-up CPU and ~50 MB less
#                            memory (less compiler work, smaller code cache). Costs peak speed of
#                            hot code, which a form backend waiting on its database and disk hardly
#                            needs; drop it on a busy central server. Full tiered C2 (with
#                            -XX:CICompilerCount=2 -XX:ReservedCodeCacheSize=48m) measured worse on
#                            every axis in short runs (2026-11-27, database down): ready in 20 s
#                            instead of 7-10 (9 CPU-s instead of 4-5), 316 MB idle / 374 MB peak
#                            instead of 277 / 320, and fewer staged requests per CPU-second while it
#                            compiled.
#   -XX:+UseSerialGC         one GC thread, smallest GC structures (~25 MB less than G1); pauses of a
#                            few ms on a heap this size. The JVM would pick G1 on a machine with
#                            >= 2 CPUs and >= 1792 MB, so this also makes nodes behave alike.
#   -Xmx128m                 a cap, about 2.5x the live set (~48 MB after a full collection): memory
#                            the node may take at worst.
#   -Xms64m -XX:MinHeapFreeRatio=20 -XX:MaxHeapFreeRatio=40
#                            the heap starts at 64 MB and, after each full collection, is sized to
#                            keep 20-40% free instead of 40-70%: the old generation stays near
#                            80 MB instead of filling (and keeping resident) all 112 MB. Measured
#                            with the database down (2026-11-27, alternating runs, load average 6-10):
#                            RSS idle 262-263 MB instead of 277, peak under the staged load 279-281 MB
#                            instead of 309-312. Costs two full collections during start-up (~0.25 s
#                            of pauses) and, under a long load, a full collection (0.1-0.3 s) about
#                            twice as often: 32 clients staging at full speed saw a worse p99 (~250
#                            instead of 130-200 ms); at 8 clients it was the same. Put the default
#                            ratios back here for a node that must stage long outages at high rates.
#                            Each part alone measured nothing: -Xms alone keeps the default ratios
#                            (273 MB idle), the ratios alone cannot shrink a heap whose initial size
#                            is the maximum (this JVM starts at 1/64 of RAM).
#   -Xmn16m                  a small young generation, whose pages are all touched in every cycle:
#                            ~10-15 MB less resident, for more frequent (each shorter) young
#                            collections; the same total GC time.
#   -XX:+ExitOnOutOfMemoryError  a node out of heap stops and is restarted (Restart=on-failure)
#                            instead of limping on with half-failed requests.
# Measured and left out, no effect here: -Xss512k (only touched stack pages are resident),
# -XX:MaxMetaspaceSize (with the archive the class data is not in metaspace), MALLOC_ARENA_MAX=2,
# -XX:ArchiveRelocationMode=0 (maps the archive without relocating it: private memory becomes shared
# file pages, no less resident, and gives up address randomisation).
DEFAULT_JAVA_OPTS='-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx128m -Xms64m -Xmn16m -XX:MinHeapFreeRatio=20 -XX:MaxHeapFreeRatio=40 -XX:+ExitOnOutOfMemoryError'

say() { printf 'hospital-api.sh: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }

mode=run
case "${1:-}" in
    prepare) mode=prepare; shift ;;
    run) shift ;;
esac

script=$(readlink -f "$0" 2>/dev/null || printf '%s' "$0")
script_dir=$(cd "$(dirname "$script")" && pwd -P)

if [ -n "${JAVA_HOME:-}" ]; then java="$JAVA_HOME/bin/java"; else java=$(command -v java || true); fi
[ -n "$java" ] && [ -x "$java" ] || die "no java found: install Java 17 or set JAVA_HOME"

jar=${HOSPITAL_API_JAR:-}
if [ -z "$jar" ]; then
    if [ -f "$script_dir/hospital-api.jar" ]; then
        jar=$script_dir/hospital-api.jar
    else
        # newest version last; the repackaged jar's *.jar.original does not match
        jar=$(ls "$script_dir"/../target/hospital-api-*.jar 2>/dev/null | sort -V | tail -n 1)
    fi
fi
[ -n "$jar" ] && [ -f "$jar" ] || die "no jar: set HOSPITAL_API_JAR or put hospital-api.jar beside this script"
jar=$(cd "$(dirname "$jar")" && pwd -P)/$(basename "$jar")

java_opts=${HOSPITAL_JAVA_OPTS-$DEFAULT_JAVA_OPTS}

cache=${HOSPITAL_API_CACHE:-}
if [ -z "$cache" ] && [ -n "${CACHE_DIRECTORY:-}" ]; then cache=${CACHE_DIRECTORY%%:*}; fi
if [ -z "$cache" ]; then cache=${XDG_CACHE_HOME:-${HOME:?set HOSPITAL_API_CACHE}/.cache}/hospital-api; fi
mkdir -p "$cache"
cache=$(cd "$cache" && pwd -P)

# One prepared directory per (jar, JVM build, JVM options): an archive only maps into the JVM that
# wrote it, for the same class path, and a snapshot jar changes without changing its name. The jar
# is known by path, size and modification time (as the JVM itself checks its class path), not by
# a checksum: hashing 80 MB would cost every start a few hundred milliseconds.
name=$(basename "$jar" .jar)
key=$({ "$java" -version 2>&1; printf '%s\n' "$java" "$java_opts" "$jar"; stat -c '%s %Y' "$jar"; } \
    | sha256sum | cut -c1-12)
dir=$cache/$name-$key
app=$dir/app/$name.jar
jsa=$dir/app.jsa

prepare() {
    mkdir -p "$dir"
    if [ ! -f "$app" ]; then
        say "extracting $(basename "$jar") into $dir/app (once per version)"
        tmp=$dir/app.tmp.$$
        rm -rf "$tmp"
        "$java" -Djarmode=tools -jar "$jar" extract --destination "$tmp" >&2
        # the jar inside keeps its versioned name; give it ours so the path is stable
        [ -f "$tmp/$name.jar" ] || mv "$tmp"/*.jar "$tmp/$name.jar"
        # another start may have won the race: keep its copy, the archive refers to its path
        mv "$tmp" "$dir/app" 2>/dev/null || rm -rf "$tmp"
    fi
    if [ ! -f "$jsa" ] && [ ! -f "$dir/cds-failed" ]; then
        say "training run for the class-data-sharing archive (once per version; log: $dir/training.log)"
        # In a scratch directory, with an empty environment (so: a scratch SQLite file and staging
        # area, no accounts, no database server): the run stops right after the context refresh,
        # and must touch neither the node's data nor a server, even while the node is running.
        scratch=$dir/training.$$
        rm -rf "$scratch"
        mkdir -p "$scratch"
        # shellcheck disable=SC2086 # options are words on purpose
        if (cd "$scratch" && env -i PATH="$PATH" HOME="$scratch" LANG="${LANG:-C.UTF-8}" SERVER_PORT=0 \
                "$java" $java_opts -XX:ArchiveClassesAtExit="$jsa.tmp.$$" -Dspring.context.exit=onRefresh \
                -jar "$app") >"$dir/training.log" 2>&1 && [ -s "$jsa.tmp.$$" ]; then
            mv "$jsa.tmp.$$" "$jsa"
            say "archive ready: $jsa"
        else
            rm -f "$jsa.tmp.$$"
            : >"$dir/cds-failed"
            say "training run failed (see $dir/training.log); starting without the archive." \
                "Delete $dir/cds-failed to try again."
        fi
        rm -rf "$scratch"
    fi
    # a jar replaced at the same path makes the directories prepared for its old versions useless
    printf '%s\n' "$jar" >"$dir/source"
    for other in "$cache/$name"-*/source; do
        [ -f "$other" ] && [ "$other" != "$dir/source" ] && [ "$(cat "$other")" = "$jar" ] \
            && rm -rf "$(dirname "$other")"
    done
    return 0
}

prepare
[ "$mode" = prepare ] && exit 0

cds=
[ -f "$jsa" ] && [ "${HOSPITAL_API_CDS:-on}" != off ] && cds=-XX:SharedArchiveFile=$jsa
# shellcheck disable=SC2086 # options are words on purpose
exec "$java" $java_opts ${HOSPITAL_JAVA_OPTS_EXTRA:-} $cds -jar "$app" "$@"
