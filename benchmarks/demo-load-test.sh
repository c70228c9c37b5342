#!/bin/sh
# Load test of the spring-web demo on 127.0.0.1 (see docs/benchmarks.md): starts it with the given extra
# arguments, warms it up for 5 s, runs wrk for 15 s with 16 connections, prints wrk's report and how many state
# files there are at the end and 3 s later, and stops it. Needs wrk (Debian: apt-get install wrk).
#   benchmarks/demo-load-test.sh --railtracks.save-state=false
#   benchmarks/demo-load-test.sh --railtracks.state-retention.enabled=false
set -eu
root=$(CDPATH= cd -- "$(dirname -- "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$root" && mvn -B -q -pl samples/spring-web -am package dependency:build-classpath -DskipTests \
  -Dmdep.outputFile="$work/cp.txt")
java -cp "$root/samples/spring-web/target/classes:$(cat "$work/cp.txt")" \
  dev.railtracks.samples.springweb.SpringWebApplication --server.address=127.0.0.1 --server.port=18080 \
  --railtracks.state-directory="$work/state" --logging.level.dev.railtracks=warn "$@" >"$work/app.log" 2>&1 &
app=$!
trap 'kill $app 2>/dev/null; rm -rf "$work"' EXIT
i=0
until curl -sf 'http://127.0.0.1:18080/plan?goal=warm' >/dev/null; do
  i=$((i + 1)); [ $i -lt 120 ] || { echo "the demo did not start; see its log:" >&2; cat "$work/app.log" >&2; exit 1; }
  sleep 1
done
wrk -t2 -c16 -d5s 'http://127.0.0.1:18080/plan?goal=visit%20Kyoto' >/dev/null
wrk -t2 -c16 -d15s --latency 'http://127.0.0.1:18080/plan?goal=visit%20Kyoto'
echo "state files at the end: $(ls "$work/state" 2>/dev/null | wc -l) ($(du -sh "$work/state" 2>/dev/null | cut -f1))"
sleep 3
echo "state files 3 s later: $(ls "$work/state" 2>/dev/null | wc -l)"
