# Sourced by the scripts that run a live `frontline serve` (io-faults, power-loss-proxy, soak,
# test-openapi): the binary, a free port, a work directory removed on exit, the wait for the
# server to answer and its stop. The caller sets `set -euo pipefail` and cds to the repository.

name="$(basename "$0" .sh)"

# Installs Debian package $2 when command $1 is absent.
require_command() {
  command -v "$1" >/dev/null && return 0
  echo "$name: installing $2"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2"
}

# Sets $binary: FRONTLINE_BINARY, else the release build, built unless FRONTLINE_SKIP_BUILD=1.
release_binary() {
  binary="${FRONTLINE_BINARY:-.build/release/frontline}"
  [ "${FRONTLINE_SKIP_BUILD:-0}" = 1 ] || swift build -c release --product frontline
  [ -x "$binary" ] || { echo "$name: $binary is missing" >&2; exit 1; }
}

# Sets $work (a new temporary directory) and $server (empty until the caller starts one); on
# exit, stops the server and removes the directory.
live_server_setup() {
  work="$(mktemp -d "/tmp/frontline-$name.XXXXXX")"
  server=""
  trap live_server_cleanup EXIT
  trap 'exit 130' INT TERM
}

live_server_cleanup() {
  [ -z "$server" ] || stop_server
  rm -rf "$work"
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# Waits until http://127.0.0.1:$1/healthz answers; fails, printing $work/server.log, when the
# server exits first or a minute passes.
wait_for_server() {
  for _ in $(seq 1 600); do
    curl -sf -o /dev/null "http://127.0.0.1:$1/healthz" && return 0
    kill -0 "$server" 2>/dev/null || break
    sleep 0.1
  done
  echo "$name: the server did not come up" >&2
  [ ! -f "$work/server.log" ] || cat "$work/server.log" >&2
  return 1
}

# SIGTERM to the server and wait for it. When $server is a tracer (strace), the signal goes to
# the process it traces: strace, sent one, detaches and waits for threads that never return.
stop_server() {
  local traced
  traced="$(pgrep -P "$server" || true)"
  kill -TERM ${traced:-$server} 2>/dev/null || true
  wait "$server" 2>/dev/null || true
  server=""
}
