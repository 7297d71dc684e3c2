# shellcheck shell=bash disable=SC2034 # SERVICE_REASON is read by the sourcing script (scripts/test)
# Debian's Chromium for the console's browser suite (packages/console, driven by playwright-core:
# no browser download), installed when missing (root + apt only). Returns 1 with the reason in
# SERVICE_REASON when it cannot; the suite then reports itself skipped (a failure under CI=true).

ensure_chromium() {
  SERVICE_REASON=
  if [ -x "${DROVER_CHROMIUM:-/usr/bin/chromium}" ]; then return 0; fi
  if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    SERVICE_REASON="chromium is not installed and this user cannot install it (needs root and apt-get)"
    return 1
  fi
  log "installing chromium (Debian package) for the console's browser tests"
  if ! { apt-get -o DPkg::Lock::Timeout=300 update -qq &&
    DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends chromium >/dev/null; } >&2; then
    SERVICE_REASON="apt-get install chromium failed"
    return 1
  fi
}
