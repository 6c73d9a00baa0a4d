#!/usr/bin/env bash
# Where PostgreSQL's time goes in one page's view: planning (the `bind`
# step of a prepared statement planned for its values) against running
# it (`execute`), per statement, from PostgreSQL's own log.
#
#   scripts/pg-plans.sh PATH [EMAIL] [VIEWS]
#   BENCH_BIN=/path/to/brobyg scripts/pg-plans.sh /koordinator/afdelinger/1/brobyggere
#
# Needs the national template that `scripts/bench.sh --db postgres` makes
# (`brobyg_bench_national`). Works on a copy (`brobyg_plans`) with
# `log_min_duration_statement = 0` set for that database only, signs in
# as EMAIL (default the coordinator), views the page 40 times so that
# every pooled connection has prepared and weighed its statements, then
# reads the log of VIEWS more views (default 30). Durations are wall
# time on a shared machine: compare builds back to back, several times.
set -euo pipefail
cd "$(dirname "$0")/.."

PAGE=${1:?usage: scripts/pg-plans.sh PATH [EMAIL] [VIEWS]}
EMAIL=${2:-koordinator@brobyg.test}
VIEWS=${3:-30}
PG_URL=${PG_URL:-postgres://postgres@127.0.0.1:5432}
PORT=${PLANS_PORT:-18500}
BIN=${BENCH_BIN:-target/release/brobyg}
SITE="http://127.0.0.1:$PORT"
LOG=$(ls -t /var/log/postgresql/postgresql-*.log | head -1)
[ -n "${BENCH_BIN:-}" ] || cargo build --release --quiet --bin brobyg

psql -q "$PG_URL/postgres" \
  -c "DROP DATABASE IF EXISTS brobyg_plans WITH (FORCE)" \
  -c "CREATE DATABASE brobyg_plans TEMPLATE brobyg_bench_national" \
  -c "ALTER DATABASE brobyg_plans SET log_min_duration_statement = 0" >/dev/null
psql -q "$PG_URL/brobyg_plans" -c "ANALYZE" >/dev/null

DATABASE_URL="$PG_URL/brobyg_plans" BIND="127.0.0.1:$PORT" BASE_URL="$SITE" BROBYG_DEMO=false \
  MAIL_WORKER=false RUST_LOG=warn SECRET_KEY="benchmark-secret-key-that-is-long-enough-0123456789" \
  "$BIN" --no-demo > target/pg-plans-site.log 2>&1 &
SITE_PID=$!
trap 'kill $SITE_PID 2>/dev/null || true; psql -q "$PG_URL/postgres" -c "DROP DATABASE IF EXISTS brobyg_plans WITH (FORCE)" >/dev/null' EXIT
for _ in $(seq 300); do curl -fs "$SITE/healthz" >/dev/null && break; sleep 0.2; done

JAR=$(mktemp)
token=$(curl -fs -c "$JAR" -b "$JAR" "$SITE/log-ind" | grep -o 'name="csrf" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//')
curl -fs -o /dev/null -c "$JAR" -b "$JAR" --data-urlencode "csrf=$token" \
  --data-urlencode "email=$EMAIL" --data-urlencode "password=brobyg-demo" "$SITE/log-ind"
for _ in $(seq 40); do curl -fs -o /dev/null -b "$JAR" "$SITE$PAGE"; done
start=$(wc -l < "$LOG")
for _ in $(seq "$VIEWS"); do curl -fs -o /dev/null -b "$JAR" "$SITE$PAGE"; done
# The last lines reach the log after the response.
sleep 0.5
tail -n +"$((start + 1))" "$LOG" > target/pg-plans.log
rm -f "$JAR"

python3 - "$VIEWS" target/pg-plans.log <<'PY'
import collections, re, sys
views, path = int(sys.argv[1]), sys.argv[2]
steps = collections.defaultdict(lambda: collections.Counter())
for line in open(path, encoding="utf-8", errors="replace"):
    m = re.search(r"duration: ([\d.]+) ms\s+(bind|execute) [^:]+: (.*)", line)
    if m:
        steps[m.group(3)][m.group(2)] += float(m.group(1))
bind = sum(s["bind"] for s in steps.values()) / views
run = sum(s["execute"] for s in steps.values()) / views
print(f"ms per view: planning and binding {bind:.2f}, running {run:.2f}")
for sql, s in sorted(steps.items(), key=lambda kv: -kv[1]["bind"])[:8]:
    print(f"  bind {s['bind'] / views:.3f}  run {s['execute'] / views:.3f}  {sql[:160]}")
PY
