#!/usr/bin/env bash
# Browser tests of the dashboard (Tests/browser, pytest + selenium + headless Chromium) against
# `frontline serve --demo` on a temporary database and a free port.
# Installs Chromium, its driver, selenium and pytest when absent. FRONTLINE_SKIP_BUILD=1 skips
# `swift build`. Screenshots and the server log go to artifacts/. Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
  echo "test-browser: installing chromium and chromium-driver"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
fi
if ! python3 -c 'import selenium, pytest' >/dev/null 2>&1; then
  echo "test-browser: installing selenium and pytest"
  python3 -m pip install -q selenium pytest
fi

if [ "${FRONTLINE_SKIP_BUILD:-0}" != "1" ]; then
  swift build
fi
binary="$(swift build --show-bin-path)/frontline"
[ -x "$binary" ] || { echo "test-browser: no binary at $binary (build first)" >&2; exit 1; }

mkdir -p artifacts
work=$(mktemp -d)
server_pid=""
stop_server() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$server_pid" 2>/dev/null || true
  fi
  [ -f "$work/server.log" ] && cp "$work/server.log" artifacts/browser-server.log
  rm -rf "$work"
}
trap stop_server EXIT

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
"$binary" serve --demo --host 127.0.0.1 --port "$port" --db "$work/frontline.sqlite" --public Public \
  >"$work/server.log" 2>&1 &
server_pid=$!

url="http://127.0.0.1:$port"
for i in $(seq 1 240); do
  if python3 -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=2)' "$url/healthz" >/dev/null 2>&1; then break; fi
  if ! kill -0 "$server_pid" 2>/dev/null; then
    echo "test-browser: the server exited during start:" >&2
    tail -n 40 "$work/server.log" >&2
    exit 1
  fi
  if [ "$i" -eq 240 ]; then
    echo "test-browser: no answer on $url/healthz after 60 s" >&2
    tail -n 40 "$work/server.log" >&2
    exit 1
  fi
  sleep 0.25
done
echo "test-browser: server up on $url (pid $server_pid)"

status=0
FRONTLINE_URL="$url" python3 -m pytest -q -p no:cacheprovider Tests/browser "$@" || status=$?
if [ "$status" -eq 5 ]; then
  echo "test-browser: pytest collected no test" >&2
fi
exit "$status"
