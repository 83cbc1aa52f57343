#!/usr/bin/env bash
# The monitoring stack on one machine, for humans (not run in CI): the example service, a real
# Prometheus with deploy/prometheus/ (rules included) and, when installed, Alertmanager with
# deploy/alertmanager/, all on 127.0.0.1. Ctrl-C stops everything it started.
#
#   deploy/local-stack.sh [--metrics-port 9090] [--prometheus-port 9091] [--alertmanager-port 9093]
#                         [--seed 42] [--no-build]
#
# Needs: a JDK 17+, Maven, and the Debian package `prometheus` (prometheus, promtool);
# optionally `prometheus-alertmanager`. Extra Maven flags (e.g. -o) go in MVN_FLAGS.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
metrics_port=9090   # the example service's /metrics and /health; its API listens on a free port
prometheus_port=9091
alertmanager_port=9093
seed=42
build=1

usage() {
    sed -n '6,7p' "${BASH_SOURCE[0]}" | sed 's/^#  *//' >&2
    exit 2
}

while [ $# -gt 0 ]; do
    case "$1" in
        --metrics-port) metrics_port=${2:?--metrics-port needs a value}; shift 2 ;;
        --prometheus-port) prometheus_port=${2:?--prometheus-port needs a value}; shift 2 ;;
        --alertmanager-port) alertmanager_port=${2:?--alertmanager-port needs a value}; shift 2 ;;
        --seed) seed=${2:?--seed needs a value}; shift 2 ;;
        --no-build) build=0; shift ;;
        -h|--help) usage ;;
        *) echo "unknown option $1" >&2; usage ;;
    esac
done

need() {   # command, Debian package
    command -v "$1" >/dev/null 2>&1 || { echo "$1 not found: install it (apt-get install -y $2)" >&2; exit 1; }
}
need java default-jdk-headless
need mvn maven
need curl curl
need prometheus prometheus
need promtool prometheus
alertmanager=$(command -v prometheus-alertmanager || command -v alertmanager || true)

port_free() {
    ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}
ports=("$metrics_port" "$prometheus_port")
[ -n "$alertmanager" ] && ports+=("$alertmanager_port")
for port in "${ports[@]}"; do
    port_free "$port" || { echo "port $port on 127.0.0.1 is in use: stop what listens there or pick another (--help)" >&2; exit 1; }
done

work=$(mktemp -d "${TMPDIR:-/tmp}/obs-local-stack.XXXXXX")
pids=()
stop() {
    trap - EXIT INT TERM
    echo
    for pid in "${pids[@]}"; do
        kill "$pid" 2>/dev/null || true
    done
    for pid in "${pids[@]}"; do
        wait "$pid" 2>/dev/null || true
    done
    rm -rf "$work"
    echo "stopped; removed $work"
}
trap stop EXIT
trap 'exit 130' INT TERM

# ---- the example service ----------------------------------------------------------------------
cd "$root"
if [ "$build" = 1 ]; then
    echo "building examples (mvn -pl examples -am package) ..."
    # shellcheck disable=SC2086
    mvn -B -q ${MVN_FLAGS:-} -pl examples -am package -DskipTests \
        dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime
fi
[ -f examples/target/classpath.txt ] || { echo "examples is not built: run without --no-build" >&2; exit 1; }
java -cp "examples/target/classes:$(cat examples/target/classpath.txt)" io.escalation.obs.examples.CoreDemo \
    --host 127.0.0.1 --port "$metrics_port" --app-port 0 --seed "$seed" >"$work/app.log" 2>&1 &
pids+=($!)

# ---- Prometheus: deploy/prometheus/ with the compose host names rewritten to 127.0.0.1 ---------
mkdir -p "$work/prometheus"
cp -r deploy/prometheus/rules "$work/prometheus/"
sed -e "s/'client-escalation-calls:9090'/'127.0.0.1:$metrics_port'/" \
    -e "s/'localhost:9090'/'127.0.0.1:$prometheus_port'/" \
    -e "s/alertmanager:9093/127.0.0.1:$alertmanager_port/" \
    -e "s/'postgres-exporter:9187'/'127.0.0.1:9187'/" \
    -e "s/'redis-exporter:9121'/'127.0.0.1:9121'/" \
    -e "s/'node-exporter:9100'/'127.0.0.1:9100'/" \
    deploy/prometheus/prometheus.yml >"$work/prometheus/prometheus.yml"
if grep -q "client-escalation-calls:9090\|alertmanager:9093" "$work/prometheus/prometheus.yml"; then
    echo "deploy/prometheus/prometheus.yml changed shape: teach $0 its targets" >&2
    exit 1
fi
promtool check config "$work/prometheus/prometheus.yml" >"$work/promtool.log" 2>&1 \
    || { cat "$work/promtool.log" >&2; exit 1; }
prometheus --config.file="$work/prometheus/prometheus.yml" --storage.tsdb.path="$work/prometheus/data" \
    --enable-feature=exemplar-storage \
    --web.listen-address="127.0.0.1:$prometheus_port" >"$work/prometheus.log" 2>&1 &
pids+=($!)

# ---- Alertmanager, when installed -------------------------------------------------------------
if [ -n "$alertmanager" ]; then
    # No cluster port; the receivers log delivery errors until the secrets of deploy/README.md exist.
    "$alertmanager" --config.file=deploy/alertmanager/alertmanager.yml --storage.path="$work/alertmanager" \
        --web.listen-address="127.0.0.1:$alertmanager_port" --cluster.listen-address= \
        >"$work/alertmanager.log" 2>&1 &
    pids+=($!)
fi

wait_for() {   # url, name, log
    for _ in $(seq 1 60); do
        curl -fsS -o /dev/null "$1" 2>/dev/null && return 0
        sleep 0.5
    done
    echo "$2 did not answer $1 within 30 s; the end of $3:" >&2
    tail -n 20 "$3" >&2
    exit 1
}
wait_for "http://127.0.0.1:$metrics_port/health" "the example service" "$work/app.log"
wait_for "http://127.0.0.1:$prometheus_port/-/ready" "Prometheus" "$work/prometheus.log"
[ -n "$alertmanager" ] && wait_for "http://127.0.0.1:$alertmanager_port/-/ready" "Alertmanager" "$work/alertmanager.log"

cat <<EOF

  example service  http://127.0.0.1:$metrics_port/metrics   http://127.0.0.1:$metrics_port/health
  Prometheus       http://127.0.0.1:$prometheus_port/targets   /alerts   /rules   /graph
EOF
if [ -n "$alertmanager" ]; then
    echo "  Alertmanager     http://127.0.0.1:$alertmanager_port/"
else
    echo "  Alertmanager     not installed (apt-get install -y prometheus-alertmanager); alerts show in Prometheus only"
fi
cat <<EOF

  The postgres, redis and node jobs stay down unless their exporters run on 127.0.0.1:9187, :9121, :9100.
  Grafana: add http://127.0.0.1:$prometheus_port as a Prometheus data source with uid "prometheus",
  then import deploy/grafana/dashboards/*.json.
  Logs: $work/*.log       Ctrl-C stops everything.

EOF

# Until Ctrl-C, or until one of them exits on its own.
set +e
wait -n "${pids[@]}"
echo "a process of the stack exited; the ends of the logs:" >&2
tail -n 5 "$work"/*.log >&2
exit 1
