#!/usr/bin/env bash
# The README's test command: installs what the tests need when it is missing, then runs them.
#
#   ./run-tests.sh -Pgate          what CI runs (.ci/run): unit, architecture and scrape tests, then the benchmark gate
#   ./run-tests.sh                 the same without the gate
#   ./run-tests.sh -pl obs-core -am    any other Maven arguments are passed to `mvn -B verify`
#
# The tests run real tools: java and mvn, promtool and prometheus (Debian package prometheus),
# amtool (prometheus-alertmanager), a PostgreSQL server (postgresql) and a Redis server
# (redis-server) that obs-db's tests start on loopback in a temporary directory. Whatever is missing
# is installed with apt-get when this runs as root (as CI does); otherwise it prints the exact
# command to run and exits with status 2.
# A machine that has every tool installs nothing.
set -euo pipefail
here="${BASH_SOURCE[0]}"
[[ "$here" == */* ]] || here="./$here"
cd "${here%/*}"

# command the tests run : Debian package that brings it
readonly REQUIRED=(
  java:openjdk-17-jdk-headless
  mvn:maven
  promtool:prometheus        # promtool check metrics / rules
  prometheus:prometheus      # the server EndToEndPrometheusTest scrapes the example service with
  amtool:prometheus-alertmanager   # amtool check-config of deploy/alertmanager
  chromium:chromium          # headless Chromium renders the compliance report's HTML page (obs-audit-tools)
  pg_ctlcluster:postgresql   # obs-db's PostgresServer runs initdb/pg_ctl from /usr/lib/postgresql/<version>/bin
  redis-server:redis-server  # obs-db's RedisServer: the Redis that Lettuce talks to in the tests
)

# The Debian packages whose commands are not on the PATH, each once, in REQUIRED's order.
missing_packages() {
  local entry command package seen=" "
  for entry in "${REQUIRED[@]}"; do
    command="${entry%%:*}" package="${entry#*:}"
    if ! command -v "$command" >/dev/null 2>&1 && [[ "$seen" != *" $package "* ]]; then
      seen+="$package "
      printf '%s\n' "$package"
    fi
  done
}

mapfile -t missing < <(missing_packages)
if ((${#missing[@]} > 0)); then
  if ((EUID == 0)); then
    echo "run-tests.sh: installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}"
  else
    {
      echo "run-tests.sh: the tests need ${missing[*]}, which this machine lacks. Install them as root:"
      echo "  sudo apt-get update && sudo apt-get install -y --no-install-recommends ${missing[*]}"
      echo "then run this command again."
    } >&2
    exit 2
  fi
fi

# First line of each tool's version. Not `cmd | head -1`: under pipefail, a tool that is still writing
# when head exits dies of the closed pipe (mvn does, about one run in three) and fails the whole run.
first_line() { local out; out="$("$@" 2>&1)"; printf '%s\n' "${out%%$'\n'*}"; }
first_line java -version
first_line mvn -version
first_line promtool --version
first_line prometheus --version
first_line amtool --version

exec mvn -B verify "$@"
