#!/usr/bin/env bash
# Builds the Linux app-image and .deb (installers/build.sh) and checks them the way a user meets them:
#   - the GUI launcher opens the window on the demo data under Xvfb (--smoke-test: PNG, not blank, exit 0
#     within 60 s), and reports PyTorch on the CPU from the bundled natives (--about), with its cache and
#     logs in a per-user folder;
#   - the CLI launcher answers 'nuisance info demo' and reads a Parquet file (DuckDB's trimmed jar);
#   - with --install (root and apt-get): installs the .deb with apt-get, runs both launchers from
#     /usr/bin, then removes the package and checks it left nothing in /opt or /usr/bin.
# Usage: installers/smoke-test.sh [--install]   (SKIP_MAVEN=1: reuse the jars of an earlier 'mvn package')
# As root with apt-get, it installs what it needs first (Xvfb, GTK, dpkg tools, xz, zip).
set -euo pipefail
cd "$(dirname "$0")/.."
install=0; [ "${1:-}" = --install ] && install=1
start=$SECONDS
say() { printf '== installers smoke test: %s (%ds)\n' "$*" $((SECONDS - start)); }
fail() { echo "installers smoke test FAILED: $*" >&2; exit 1; }

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  say "apt-get install xvfb libgtk-3-0 libxtst6 libgl1 fakeroot dpkg-dev xz-utils zip unzip"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends xvfb libgtk-3-0 libxtst6 libgl1 libxxf86vm1 \
    fakeroot dpkg-dev xz-utils zip unzip >/dev/null
fi

installers/build.sh app-image deb
image=target/installers/nuisance-workbench
deb=$(ls target/installers/nuisance-workbench_*.deb)

# a fresh user's cache and state folders; DJL's cache left to the launcher (no DJL_CACHE_DIR)
work=$(mktemp -d)
export XDG_CACHE_HOME="$work/cache" XDG_STATE_HOME="$work/state"
unset DJL_CACHE_DIR
display=90
while [ -e "/tmp/.X11-unix/X$display" ] || [ -e "/tmp/.X$display-lock" ]; do display=$((display + 1)); done
Xvfb ":$display" -screen 0 1500x900x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null || true; rm -rf "$work"' EXIT
export DISPLAY=":$display"
sleep 2

check_launchers() { # $1: GUI launcher, $2: CLI launcher, $3: label
  local gui=$1 cli=$2 what=$3 t0 rc about
  say "$what: nuisance-workbench --about (first start unpacks PyTorch's natives)"
  about=$("$gui" --about) || fail "$what: --about exited $?"
  echo "$about"
  grep -q "compute device: PyTorch .* on cpu()" <<<"$about" || fail "$what: DJL did not start PyTorch on the CPU"
  grep -q "^Logs: $XDG_STATE_HOME/nuisance-workbench/logs" <<<"$about" || fail "$what: logs not in the per-user folder"
  compgen -G "$XDG_CACHE_HOME/nuisance-workbench/djl/pytorch/*/libtorch_cpu.so" >/dev/null \
    || fail "$what: no PyTorch natives in the user's cache"
  say "$what: nuisance-workbench --smoke-test under Xvfb"
  t0=$SECONDS
  rc=0; timeout 60 "$gui" --smoke-test="$work/smoke.png" || rc=$?
  [ $rc = 0 ] || fail "$what: --smoke-test exited $rc after $((SECONDS - t0)) s (124: no exit within 60 s)"
  [ "$(head -c 8 "$work/smoke.png" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] || fail "$what: no PNG written"
  [ "$(wc -c < "$work/smoke.png")" -gt 20000 ] || fail "$what: the PNG is too small to show a window"
  echo "window rendered in $((SECONDS - t0)) s: $(wc -c < "$work/smoke.png") bytes"
  say "$what: nuisance info demo --events 1000"
  "$cli" info demo --events 1000 | tee "$work/info.txt"
  grep -q "^rows: 1000$" "$work/info.txt" || fail "$what: 'nuisance info demo' did not report 1000 rows"
  grep -q "^total  *1000 " "$work/info.txt" || fail "$what: 'nuisance info demo' has no total line"
  if [ -f ../shared/data/fair-universe/FAIR_Universe_HiggsML_data.parquet ]; then
    "$cli" info ../shared/data/fair-universe/FAIR_Universe_HiggsML_data.parquet > "$work/parquet.txt"
    grep -q "^rows: 1000$" "$work/parquet.txt" || fail "$what: the CLI did not read the FAIR Universe Parquet sample"
  fi
}

check_launchers "$image/bin/nuisance-workbench" "$image/bin/nuisance" app-image

if [ $install = 1 ]; then
  [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null || fail "--install needs root and apt-get"
  say "apt-get install ./$deb"
  apt-get install -y -qq "./$deb" >/dev/null
  dpkg-query -W -f='${Package} ${Version} ${Installed-Size} kB\n' nuisance-workbench
  dpkg-query -W -f='${Depends}\n' nuisance-workbench | grep -q "libgtk-3-0" || fail "Depends lacks libgtk-3-0"
  rm -rf "$XDG_CACHE_HOME"
  check_launchers /usr/bin/nuisance-workbench /usr/bin/nuisance "installed .deb"
  say "apt-get remove nuisance-workbench"
  apt-get remove -y -qq nuisance-workbench >/dev/null
  dpkg --purge nuisance-workbench >/dev/null
  [ ! -e /opt/nuisance-workbench ] || fail "/opt/nuisance-workbench left behind"
  [ ! -e /usr/bin/nuisance ] && [ ! -e /usr/bin/nuisance-workbench ] || fail "/usr/bin links left behind"
fi
say "passed"
