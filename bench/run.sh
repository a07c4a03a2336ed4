#!/usr/bin/env bash
# Runs every benchmark figure against the real service and CLI jars and writes bench/results/latest.json
# and the generated table in docs/performance.md.
#   ./bench/run.sh            full sizes (1,000,000 events replayed, 10,000 × 10 queried; hours on 2 busy cores)
#   ./bench/run.sh --quick    smaller sizes, same figures (under 10 minutes on 2 cores)
# PostgreSQL: LEDGER_BENCH_DB_URL (+ LEDGER_BENCH_DB_USER, LEDGER_BENCH_DB_PASSWORD) — fresh databases are
# created on it — else an embedded PostgreSQL. BENCH_SKIP_BUILD=1 reuses the jars already built.
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ "${BENCH_SKIP_BUILD:-0}" != "1" ]]; then
  # An incremental package does not re-package query-api.jar when only ledger-core changed (seen on this
  # branch: the boot jar kept the old ledger-core); remove the runnable jars so the bench measures this code.
  rm -f query-api/target/query-api.jar query-api/target/query-api.jar.original executor/target/ledger.jar
  ./mvnw -q -B package -DskipTests
fi
exec java -Xmx1g -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -jar bench/target/bench.jar run --repo "$(pwd)" "$@"
