#!/usr/bin/env bash
# Coverage-guided fuzzing of the parsers with Jazzer: every @FuzzTest in collector-service and query-service, each in
# a JVM of its own, for SECONDS each (default 300). Findings are written as new seed inputs beside the committed
# corpora (src/test/resources/.../<Class>Inputs/<method>/) and then fail the run; generated corpora stay in each
# module's .cifuzz-corpus/ (not committed). Regression mode (the committed seeds only) runs in every build.
#   bench/fuzz.sh [SECONDS] [TEST-PATTERN]      e.g. bench/fuzz.sh 60 '**/fuzz/Syslog*FuzzTest'
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-300}"
pattern="${2:-**/fuzz/*FuzzTest}"
JAZZER_FUZZ=1 exec ./mvnw -B -pl collector-service,query-service -am test \
  -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
  -Dfuzz.reuse-forks=false -Dfuzz.seconds="$seconds" -Dfuzz.test="$pattern"
