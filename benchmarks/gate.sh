#!/usr/bin/env bash
# Performance gate: runs the JMH benchmarks the budgets read and checks the budgets (see README.md).
#
#   mvn -B -q package -DskipTests -pl benchmarks -am   # builds target/benchmarks.jar (done here if missing)
#   benchmarks/gate.sh          # the short tier, what CI runs: 19 benchmarks, about 6 minutes
#   benchmarks/gate.sh --full   # every budget of every module: 56 benchmarks, about 18 minutes
#   (from Maven: mvn -B verify -Pgate runs the short tier, -Pgate -Dgate.tier=full the full one)
#
# A failed budget is measured again (its benchmarks and baselines only, 3 forks), at most twice,
# and fails the gate only if it fails every time. Exit status: 0 pass, 1 a budget failed in all
# three runs, 2 JMH or input error.
# GATE_INCLUDE overrides the JMH include regex (default: every benchmark the tier's budgets read); budgets whose
# benchmarks it selects are then skipped instead of failed.
# Results: results/gate.json, results/rerun2.json, results/rerun3.json, results/latest.md (git-ignored).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
jar="$here/target/benchmarks.jar"
results="$here/results"
tier=short
case "${1:-}" in
  "" | --short) ;;
  --full) tier=full ;;
  *) echo "usage: gate.sh [--short | --full]" >&2; exit 2 ;;
esac
include="${GATE_INCLUDE:-}"
skip_missing=()
if [[ -n "${GATE_INCLUDE:-}" ]]; then
  skip_missing=(--skip-missing)
fi

if [[ ! -f "$jar" ]]; then
  echo "gate: $jar is missing; building it with: mvn -B -q package -DskipTests -pl benchmarks -am"
  (cd "$here/.." && mvn -B -q package -DskipTests -pl benchmarks -am)
fi
mkdir -p "$results"
if [[ -z "$include" ]]; then
  # every benchmark a budget reads; the others (contrasts without a budget) are for run-long.sh
  include="$(java -cp "$jar" io.escalation.obs.benchmarks.Gate --tier "$tier" --budgeted-regex)"
fi
rm -f "$results"/gate*.json "$results"/rerun*.json "$results"/gate-run*.md "$results/rerun.regex"

# JMH: one thread, 2 forks (3 for a re-run), 3 warm-up and 5 measured 1-second iterations, average
# ns/op, with allocation. A ~3 ns counter benchmark can land in a slower JIT outcome for a whole fork;
# the re-run's third fork keeps one such fork from deciding the verdict.
jmh() { # results-file include-regex log-file forks
  if ! java -Xms1g -Xmx1g -jar "$jar" -t 1 -f "$4" -wi 3 -i 5 -w 1s -r 1s -bm avgt -tu ns -prof gc \
      -rf json -rff "$1" "$2" >"$3" 2>&1; then
    echo "gate: JMH failed; last lines of $3:" >&2
    tail -n 40 "$3" >&2
    exit 2
  fi
}

gate() { # results-file...
  java -cp "$jar" io.escalation.obs.benchmarks.Gate --tier "$tier" \
    --markdown "$results/latest.md" --rerun-regex "$results/rerun.regex" ${skip_missing[@]+"${skip_missing[@]}"} "$@"
}

count() { # include-regex
  java -jar "$jar" -l "$1" | tail -n +2 | grep -c . || true
}

start=$SECONDS
n="$(count "$include")"
echo "gate ($tier tier): $n benchmarks x 2 forks x (3 + 5) s, about $(( n * 2 * 9 / 60 + 1 )) min (log: results/gate-jmh.log)"
jmh "$results/gate.json" "$include" "$results/gate-jmh.log" 2

status=0
gate "$results/gate.json" >"$results/gate-run1.md" || status=$?
inputs=("$results/gate.json")
run=1
while [[ $status -eq 1 && -s "$results/rerun.regex" && $run -le 2 ]]; do
  echo "gate: failed in run $run:"
  grep '| FAIL |' "$results/gate-run$run.md" | sed 's/^/  /'
  regex="$(cat "$results/rerun.regex")"
  run=$(( run + 1 ))
  echo "gate: run $run re-measures $(count "$regex") benchmarks, 3 forks (log: results/rerun$run-jmh.log)"
  jmh "$results/rerun$run.json" "$regex" "$results/rerun$run-jmh.log" 3
  inputs+=("$results/rerun$run.json")
  status=0
  gate "${inputs[@]}" >"$results/gate-run$run.md" || status=$?
done
cat "$results/gate-run$run.md"
echo
echo "gate: wall time $(( SECONDS - start )) s; table in results/latest.md"
exit "$status"
