#!/usr/bin/env bash
# The durable demo: a trip plan survives kill -9 of the JVM running it, and finishes after a restart without paying
# again for the model rounds it had made.
#
#   samples/spring-web/durable-demo.sh [key]
#
# 1. starts PostgreSQL with .ci/postgres (Debian's postgresql, installed when missing; 127.0.0.1:55432) and creates
#    the database railtracks_demo;
# 2. builds the demo and starts it with the durable profile (executor id demo-1), its scripted model set to hold
#    round 2 of the plan's 3 model rounds;
# 3. starts a trip plan under an idempotency key and, once the model holds round 2 (round 1 and the weather and budget
#    tools are checkpointed), kills the JVM with kill -9;
# 4. starts the demo again with the same executor id: DBOS recovers the run at start, replays round 1 and both tools
#    from their checkpoints, and runs rounds 2 and 3; prints the plan, the model calls this JVM made (2) and the
#    run's record, whose replayed nodes are marked.
# Needs a JDK 17+, Maven and curl; the demo listens on PORT (default 8080). Logs go to samples/spring-web/target/.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
port="${PORT:-8080}"
pg_port="${RAILTRACKS_PG_PORT:-55432}"
key="${1:-trip-$(date +%s)}"
mvn="${MVN:-mvn}"  # e.g. MVN="./mvnw" or MVN="mvn -o"; split into words on purpose
base="http://localhost:$port"

echo "== PostgreSQL (.ci/postgres) on 127.0.0.1:$pg_port, database railtracks_demo"
"$root/.ci/postgres" >/dev/null
pg_bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
if [ "$("$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -tAc \
      "SELECT 1 FROM pg_database WHERE datname = 'railtracks_demo'")" != "1" ]; then
  "$pg_bin/createdb" -h 127.0.0.1 -p "$pg_port" -U postgres railtracks_demo
fi

echo "== Building the demo"
(cd "$root" && $mvn -B -q -pl samples/spring-web -am -DskipTests package dependency:build-classpath \
  -DincludeScope=runtime -Dmdep.outputFile=target/classpath.txt)
classpath="$here/target/classes:$(cat "$here/target/classpath.txt")"

pid=""
stop_demo() { if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi; }
trap stop_demo EXIT

start_demo() { # log file, then extra arguments
  local log="$1"
  shift
  # From the module's folder: the demo saves its records under target/railtracks/sessions.
  (cd "$here" && exec java -cp "$classpath" dev.railtracks.samples.springweb.SpringWebApplication --spring.profiles.active=durable \
    --server.port="$port" --spring.datasource.url="jdbc:postgresql://127.0.0.1:$pg_port/railtracks_demo" "$@" \
    >"$log" 2>&1) &
  pid=$!
  for _ in $(seq 1 120); do
    if curl -sf "$base/actuator/health" >/dev/null; then return 0; fi
    if ! kill -0 "$pid" 2>/dev/null; then echo "The demo did not start; see $log" >&2; exit 1; fi
    sleep 1
  done
  echo "The demo did not answer within 120 s; see $log" >&2
  exit 1
}

echo "== First JVM: the scripted model will hold round 2"
start_demo "$here/target/durable-demo-first.log" --trip-planner.hold-round=2
curl -sf -X POST "$base/durable/plans/$key?goal=visit%20Lisbon" >/dev/null
echo "Started trip plan '$key'"
for _ in $(seq 1 60); do
  if grep -q "holds round 2" "$here/target/durable-demo-first.log"; then break; fi
  sleep 1
done
grep -q "holds round 2" "$here/target/durable-demo-first.log" || { echo "The model never reached round 2" >&2; exit 1; }
grep -oE "(trip_planner round [0-9]+: .*|The scripted model holds round .*)" "$here/target/durable-demo-first.log" \
  | sed 's/^/  /'
echo "== kill -9 $pid, mid-run"
kill -9 "$pid"
wait "$pid" 2>/dev/null || true
pid=""

echo "== Second JVM, same executor id (demo-1): DBOS recovers the run at start"
start_demo "$here/target/durable-demo-second.log"
result="$(curl -sf "$base/durable/plans/$key")"
grep -oE "trip_planner round [0-9]+: .*" "$here/target/durable-demo-second.log" | sed 's/^/  /'
echo "Result: $result"
echo "== The run's record (/actuator/railtracks/$key): every node, those replayed from checkpoints marked"
record=""
for _ in $(seq 1 20); do
  if record="$(curl -sf "$base/actuator/railtracks/$key")" && [ -n "$record" ]; then break; fi
  sleep 1
done
if command -v python3 >/dev/null; then
  printf '%s' "$record" | python3 -c '
import json, sys
graph = json.load(sys.stdin)["graph"]
# A recently closed session: the graph lists its nodes; a saved document: each run lists them.
nodes = graph.get("nodes") or [node for run in graph.get("runs", []) for node in run.get("nodes", [])]
for node in nodes:
    replayed = (node.get("details") or {}).get("internals", {}).get("replayed", False)
    print("  %-14s %s" % (node["name"], "replayed from its checkpoint" if replayed else "ran in this JVM"))
'
else
  echo "$record"
fi
