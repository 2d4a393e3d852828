#!/usr/bin/env bash
# Builds the bench module (and what it needs) and runs one benchmark class:
#   bench/run.sh io.openjims.bench.<area>.<Main> [args...]
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${BENCH_SKIP_BUILD:-}" != "1" ]; then
  ./mvnw -B -q -Pbench -pl bench -am install -DskipTests >/dev/null
fi
main="$1"; shift
exec java -Xms1g -Xmx4g -cp "bench/target/classes:bench/target/lib/*" "$main" "$@"
