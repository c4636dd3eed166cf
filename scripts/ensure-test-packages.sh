#!/usr/bin/env bash
# Debian packages the tests need: chromium (browser tests; no browser download is reachable here)
# and espeak-ng (voice tests synthesise a few words). Installs what is missing with apt-get as root,
# or says what to run when not root.
set -euo pipefail
CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
missing=()
[ -x "$CHROMIUM" ] || missing+=(chromium)
command -v espeak-ng >/dev/null 2>&1 || missing+=(espeak-ng)
if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "error: the tests need ${missing[*]}; installing needs root: run 'sudo apt-get install -y ${missing[*]}' (or set CHROMIUM_PATH)." >&2
    exit 1
  fi
  echo "Installing Debian packages: ${missing[*]} ..."
  if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null; }; then
    echo "error: could not install ${missing[*]} with apt-get." >&2
    exit 1
  fi
fi
"$CHROMIUM" --version
espeak-ng --version
