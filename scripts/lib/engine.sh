# shellcheck shell=bash disable=SC2034 # SERVICE_REASON is read by the sourcing script (scripts/test)
# A Docker engine on /var/run/docker.sock for the unit suites that use the real one
# (packages/agent/src/docker.test.ts): started through scripts/testbed.sh engine, which installs
# Debian's docker.io when missing and starts the root dockerd the testbed uses too. A dockerd is
# detected by asking it (GET /_ping), never by the docker CLI being on PATH: the machine ships a
# static CLI in /usr/local/bin without a daemon. Returns 1 with SERVICE_REASON when it cannot.

engine_answers() {
  node -e '
    const req = require("node:http").request({ socketPath: "/var/run/docker.sock", path: "/_ping", timeout: 2000 }, (res) => process.exit(res.statusCode === 200 ? 0 : 1));
    req.on("timeout", () => req.destroy(new Error("timeout")));
    req.on("error", () => process.exit(1));
    req.end();'
}

ensure_engine() {
  SERVICE_REASON=
  if engine_answers; then return 0; fi
  if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    SERVICE_REASON="no dockerd answers on /var/run/docker.sock and starting one needs root and apt-get"
    return 1
  fi
  log "starting a Docker engine (scripts/testbed.sh engine)"
  if ! "$DROVER_ROOT/scripts/testbed.sh" engine >&2; then
    SERVICE_REASON="scripts/testbed.sh engine failed (see /var/log/drover-testbed-root-dockerd.log)"
    return 1
  fi
  engine_answers || { SERVICE_REASON="dockerd started but does not answer on /var/run/docker.sock"; return 1; }
}
