#!/usr/bin/env bash
# Builds the native installers of Nuisance Workbench with jpackage (JDK 17+), on the OS it runs on:
#   Linux: an app-image, a .deb, and an .rpm where rpmbuild is installed; Windows: app-image + .msi (WiX 3);
#   macOS: app-image + .dmg. Everything lands in target/installers/.
# Usage: installers/build.sh [TYPE...]     TYPE: app-image deb rpm msi exe dmg pkg (default: this OS's set)
# Env:   SKIP_MAVEN=1  reuse the jars already built by 'mvn package' (CI builds them in 'mvn verify')
#        JAVA_HOME     the JDK whose jdeps/jlink/jpackage to use (default: the one 'java' belongs to)
set -euo pipefail
cd "$(dirname "$0")/.."
start=$SECONDS

name=nuisance-workbench
out=target/installers
version=$(sed -n 's:^  <version>\(.*\)</version>:\1:p' pom.xml | head -1)
case "$(uname -s)" in
  Linux*) os=linux ;;
  Darwin*) os=mac ;;
  MINGW*|MSYS*|CYGWIN*) os=windows ;;
  *) echo "unsupported OS $(uname -s)" >&2; exit 2 ;;
esac
if [ -z "${JAVA_HOME:-}" ]; then
  JAVA_HOME=$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.home = //p')
fi
[ "$os" = windows ] && command -v cygpath >/dev/null && JAVA_HOME=$(cygpath -u "$JAVA_HOME")
bin="$JAVA_HOME/bin"
# jpackage on macOS refuses a major version of 0 (CFBundleVersion): until 1.0 the bundle says 1.0.0
bundle_version=$version
[ "$os" = mac ] && [ "${version%%.*}" = 0 ] && bundle_version=1.0.0
exe=""; [ "$os" = windows ] && exe=.exe

types=("$@")
if [ ${#types[@]} -eq 0 ]; then
  case $os in
    linux) types=(app-image deb); command -v rpmbuild >/dev/null && types+=(rpm) ;;
    windows) types=(app-image msi) ;;
    mac) types=(app-image dmg) ;;
  esac
fi
step() { printf '== %s (%ds)\n' "$*" $((SECONDS - start)); }

if [ "${SKIP_MAVEN:-0}" != 1 ]; then
  step "mvn package"
  mvn -q -B -ntp -DskipTests package
fi

rm -rf "$out"
mkdir -p "$out/input" "$out/config"

step "staging the jars (flat: jpackage puts every jar of --input on the class path)"
cp app/target/nuisance-workbench.jar "$out/input/"
for jar in app/target/lib/*.jar; do
  # the classifier-less javafx-*.jar are empty stubs; the -linux/-win/-mac jars hold the classes
  case "$(basename "$jar")" in javafx-*-[0-9]*[0-9].jar) continue ;; esac
  cp "$jar" "$out/input/"
done
# DuckDB ships the natives of four platforms in one jar (250 MB unpacked): keep this platform's only
duckdb=$(ls "$out"/input/duckdb_jdbc-*.jar)
case "$os-$(uname -m)" in
  linux-x86_64) keep=linux_amd64 ;; linux-aarch64) keep=linux_arm64 ;;
  mac-*) keep=osx_universal ;; windows-*) keep=windows_amd64 ;;
esac
if command -v zip >/dev/null && command -v unzip >/dev/null; then
  drop=$(unzip -Z1 "$duckdb" 'libduckdb_java.so_*' | grep -v "_$keep\$" || true)
  [ -n "$drop" ] && zip -q -d "$duckdb" $drop
else
  echo "note: zip/unzip not found, DuckDB keeps the natives of all platforms"
fi

# PyTorch's natives (450 MB unpacked, 110 MB deflated in DJL's jar) compress to about half with xz: ship
# them as natives/pytorch/*.xz and keep the jar's pytorch.properties only; the launchers unpack them
# into DJL's cache before DJL starts (org.nuisance.app.BundledNatives)
torch_jar=$(ls "$out"/input/pytorch-native-cpu-*.jar)
if command -v xz >/dev/null && command -v zip >/dev/null && command -v unzip >/dev/null; then
  # compressing takes minutes: kept in target/ for the next build of the same jar
  packed="target/packed-natives/$(basename "$torch_jar" .jar)"
  if [ ! -f "$packed/done" ]; then
    step "xz: PyTorch natives (once per native jar)"
    rm -rf "$packed" && mkdir -p "$packed/pytorch"
    unzip -q -o "$torch_jar" 'pytorch/*' 'native/lib/pytorch.properties' -d "$packed/jar"
    cp "$packed/jar/native/lib/pytorch.properties" "$packed/pytorch/"
    for lib in "$packed"/jar/pytorch/*/*/*; do
      xz -T0 -6 -c "$lib" > "$packed/pytorch/$(basename "$lib").xz"
    done
    rm -rf "$packed/jar" && touch "$packed/done"
  fi
  mkdir -p "$out/input/natives"
  cp -r "$packed/pytorch" "$out/input/natives/"
  zip -q -d "$torch_jar" 'pytorch/*'
else
  echo "note: xz/zip/unzip not found, PyTorch's natives stay in DJL's jar (a larger installer)"
fi

step "jdeps: which JDK modules the app needs"
mods=$("$bin/jdeps$exe" --multi-release 17 --ignore-missing-deps --print-module-deps \
  --class-path "$out/input/*" "$out/input/nuisance-workbench.jar" | tail -1)
# jdeps cannot see: JUL file logging (reflective handler lookup), zip file systems, TLS to a DJL model zoo
mods="$mods,java.logging,jdk.zipfs,jdk.crypto.ec"
echo "modules: $mods"

step "jlink: the runtime"
# uncompressed: 25 MB more on disk, but the .deb's xz then packs it to 18 MB instead of 29 MB
"$bin/jlink$exe" --add-modules "$mods" --strip-debug --no-header-files --no-man-pages \
  --strip-native-commands --output "$out/runtime"

cat > "$out/config/nuisance.properties" <<EOF
main-class=org.nuisance.app.CliLauncher
win-console=true
java-options=-XX:MaxRAMPercentage=50
EOF
# the file association for saved sessions: *.nuisance, application/x-nuisance-session
cat > "$out/config/session.properties" <<EOF
extension=nuisance
mime-type=application/x-nuisance-session
description=Nuisance Workbench session
EOF
case $os in
  linux) icon=assets/icons/nuisance-workbench.png ;;
  windows) icon=assets/icons/nuisance-workbench.ico ;;
  mac) icon=assets/icons/nuisance-workbench.icns ;;
esac

# the same application options for every type: jpackage 17 builds a deb/rpm/msi/dmg from --app-image
# only without --add-launcher, and the CLI launcher needs that
app=(--name "$name" --app-version "$bundle_version" --vendor "Nuisance Workbench developers"
  --description "Nuisance-parameter workbench for particle physics: systematics, histograms, likelihoods"
  --copyright "Nuisance Workbench developers" --dest "$out"
  --input "$out/input" --main-jar nuisance-workbench.jar --main-class org.nuisance.app.Launcher
  --runtime-image "$out/runtime" --icon "$icon" --java-options -XX:MaxRAMPercentage=50
  --add-launcher "nuisance=$out/config/nuisance.properties")
[ "$os" = mac ] && app+=(--mac-package-identifier org.nuisance.workbench --mac-package-name Nuisance)

for type in "${types[@]}"; do
  step "jpackage $type"
  extra=()
  case $type in
    deb) extra=(--resource-dir installers/linux --linux-package-name "$name" --linux-shortcut
           --linux-deb-maintainer "maintainers@nuisance-workbench.invalid" --linux-app-category science
           --linux-package-deps "libgtk-3-0, libxtst6, libgl1, libxxf86vm1") ;;
    rpm) extra=(--resource-dir installers/linux --linux-package-name "$name" --linux-shortcut
           --linux-app-category Applications/Engineering
           --linux-package-deps "gtk3, libXtst, mesa-libGL, libXxf86vm") ;;
    msi|exe) extra=(--win-menu --win-menu-group "Nuisance Workbench" --win-shortcut --win-dir-chooser
           --win-upgrade-uuid 7b1d6c1e-3f0a-4c55-9a43-5f2b8e0d9a11) ;;
  esac
  [ "$type" != app-image ] && extra+=(--file-associations "$out/config/session.properties")
  "$bin/jpackage$exe" --type "$type" "${app[@]}" "${extra[@]}"
done
case $os in
  mac) image="$out/$name.app" ;;
  *) image="$out/$name" ;;
esac

step "sizes"
mb() { echo $(( ($1 + 524288) / 1048576 )); }
status=0
if [ -d "$image" ]; then
  image_bytes=$(du -sk "$image" | cut -f1); image_bytes=$((image_bytes * 1024))
  printf 'app-image  %4d MiB  %s\n' "$(mb $image_bytes)" "$image"
  if [ "$os" = linux ] && [ "$image_bytes" -gt $((300 * 1048576)) ]; then
    echo "app-image is over the 300 MB budget" >&2; status=1
  fi
fi
for f in "$out"/*.deb "$out"/*.rpm "$out"/*.msi "$out"/*.exe "$out"/*.dmg "$out"/*.pkg; do
  [ -f "$f" ] || continue
  bytes=$(wc -c < "$f")
  printf '%-9s  %4d MiB  %s\n' "${f##*.}" "$(mb "$bytes")" "$f"
  if [ "$os" = linux ] && [ "$bytes" -gt $((150 * 1048576)) ]; then
    echo "$f is over the 150 MB budget" >&2; status=1
  fi
done
step "done"
exit $status
