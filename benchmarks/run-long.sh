#!/usr/bin/env bash
# Long JMH run for investigating a change: 3 forks, 5 warm-up and 10 measured 1-second iterations,
# with the allocation profiler. Not part of CI (about 45 minutes for the whole suite of 55 benchmarks on 2 cores);
# the CI check is gate.sh (short tier; gate.sh --full for every budget). Extra arguments go to JMH, e.g. a regex: benchmarks/run-long.sh MaskerBench
# Results: results/long.json and results/long.md (figures and budgets; exit status as the gate's;
# with arguments, budgets none of whose benchmarks ran are skipped).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
jar="$here/target/benchmarks.jar"
results="$here/results"

if [[ ! -f "$jar" ]]; then
  echo "run-long: $jar is missing; building it with: mvn -B -q package -DskipTests -pl benchmarks -am"
  (cd "$here/.." && mvn -B -q package -DskipTests -pl benchmarks -am)
fi
mkdir -p "$results"

java -Xms1g -Xmx1g -jar "$jar" -t 1 -f 3 -wi 5 -i 10 -w 1s -r 1s -bm avgt -tu ns -prof gc \
  -rf json -rff "$results/long.json" "$@"
skip_missing=()
if [[ $# -gt 0 ]]; then
  skip_missing=(--skip-missing)
fi
java -cp "$jar" io.escalation.obs.benchmarks.Gate --markdown "$results/long.md" \
  ${skip_missing[@]+"${skip_missing[@]}"} "$results/long.json"
