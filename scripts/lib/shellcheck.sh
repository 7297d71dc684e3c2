# shellcheck shell=bash disable=SC2034 # SERVICE_REASON is read by the sourcing script (scripts/test)
# Debian's shellcheck for `pnpm lint` (scripts/lint-sh), installed when missing (root + apt only).
# Returns 1 with the reason in SERVICE_REASON when it cannot; the lint check then fails and says why.

ensure_shellcheck() {
  SERVICE_REASON=
  if command -v shellcheck >/dev/null 2>&1; then return 0; fi
  if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    SERVICE_REASON="shellcheck is not installed and this user cannot install it (needs root and apt-get)"
    return 1
  fi
  log "installing shellcheck (Debian package) for pnpm lint"
  if ! { apt-get -o DPkg::Lock::Timeout=300 update -qq &&
    DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends shellcheck >/dev/null; } >&2; then
    SERVICE_REASON="apt-get install shellcheck failed"
    return 1
  fi
}
