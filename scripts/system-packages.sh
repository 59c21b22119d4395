#!/bin/sh
# Debian packages the build and the tests need beyond Python:
#   scripts/system-packages.sh ensure chromium graphviz r-base-core r-cran-readr
# Each package counts as present when what the project uses from it works (a command
# on PATH, an R library); installed packages are never touched. The missing ones are
# installed with apt-get when running as root; otherwise this stops and prints the one
# command that installs them.
set -eu

# present PACKAGE: succeeds when what the project uses from PACKAGE is there.
present() {
  case "$1" in
    chromium) command -v chromium >/dev/null 2>&1 ;;
    graphviz) command -v dot >/dev/null 2>&1 ;;
    r-base-core) command -v Rscript >/dev/null 2>&1 ;;
    r-cran-*) command -v Rscript >/dev/null 2>&1 &&
      Rscript -e "quit(status = !requireNamespace('${1#r-cran-}', quietly = TRUE))" >/dev/null 2>&1 ;;
    *) dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed' ;;
  esac
}

if [ "${1:-}" != ensure ] || [ $# -lt 2 ]; then
  echo "usage: $0 ensure PACKAGE..." >&2
  exit 2
fi
shift

missing=""
for package in "$@"; do
  case "$package" in
    *[!a-z0-9.+-]*) echo "$0: not a Debian package name: $package" >&2; exit 2 ;;
  esac
  present "$package" || missing="$missing $package"
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian packages the project needs:$missing"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  # shellcheck disable=SC2086  # one word per package
  apt-get install -y -qq --no-install-recommends $missing >/dev/null
  for package in $missing; do
    present "$package" || { echo "$0: $package is installed but still not usable" >&2; exit 1; }
  done
  exit 0
fi

echo "Missing Debian packages:$missing" >&2
if command -v apt-get >/dev/null 2>&1; then
  echo "Install them with this one command, then run make again:" >&2
  echo "  sudo sh -c 'apt-get update && apt-get install -y --no-install-recommends$missing'" >&2
else
  echo "This is not a Debian-like system; install the equivalent of:$missing" >&2
fi
exit 1
