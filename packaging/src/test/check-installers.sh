#!/usr/bin/env bash
# The installers profile's test: the app image renders the sample incident headless, and the .deb unpacks,
# holds the launcher and declares GTK, and every bundled jar has its licence in the About dialog.
# Usage: check-installers.sh APP_IMAGE_DIR DEB_DIR SAMPLE_DIR JAVA LICENCES_JAVA
set -euo pipefail
image=$1 debs=$2 sample=$3 java=$4 licences=$5
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "check-installers: $*" >&2; exit 1; }

launcher="$image/bin/incident-workbench"
[ -x "$launcher" ] || fail "no launcher at $launcher"
# A clean home: nothing from an earlier run (JavaFX's native cache, preferences) can help the image start.
HOME="$tmp/home" "$launcher" --snapshot "$tmp/snapshot.png" "$sample" 2>"$tmp/stderr" || {
    cat "$tmp/stderr" >&2; fail "the app image's --snapshot failed"; }
if grep -q "Unsupported JavaFX configuration" "$tmp/stderr"; then
    fail "JavaFX is loaded from the classpath, not from the runtime's modules"
fi
[ ! -e "$tmp/home/.openjfx" ] || fail "JavaFX unpacked its natives into the home folder: they are missing from the runtime"
"$java" "$here/PngCheck.java" "$tmp/snapshot.png"

# Each jar the image bundles must be named in the About dialog's licence list.
for jar in "$image"/lib/app/*.jar; do
    name=$(basename "$jar" .jar)
    case $name in
        workbench-*) continue ;;
        jackson-*) needle="Jackson" ;;
        commons-compress) needle="Commons Compress" ;;
        commons-codec) needle="Codec" ;;
        commons-io) needle=" IO " ;;
        commons-lang3) needle=" Lang " ;;
        h2) needle="H2 Database" ;;
        protobuf-java) needle="protobuf-java" ;;
        pcap4j-*) needle="Pcap4J" ;;
        jna) needle="JNA" ;;
        slf4j-api) needle="SLF4J" ;;
        jfreechart|org.jfree.chart.fx) needle="JFreeChart" ;;
        org.jfree.fxgraphics2d) needle="FXGraphics2D" ;;
        *) fail "$name.jar is bundled but has no licence entry: add it to $licences and to this list" ;;
    esac
    grep -q "$needle" "$licences" || fail "$name.jar is bundled but $licences does not name it"
done
for module in javafx.base javafx.graphics javafx.controls javafx.swing; do
    "$image/lib/runtime/bin/java" --list-modules | grep -q "^$module@" || fail "the runtime lacks $module"
done
grep -q "OpenJFX" "$licences" && grep -q "Monocle" "$licences" && grep -q "OpenJDK" "$licences" \
    || fail "$licences does not name OpenJFX, Monocle and OpenJDK, which the runtime bundles"

deb=$(ls "$debs"/*.deb)
dpkg-deb -c "$deb" >"$tmp/contents"
grep -q "\./opt/incident-workbench/bin/incident-workbench$" "$tmp/contents" || fail "$deb has no launcher"
dpkg-deb -x "$deb" "$tmp/deb"
[ -x "$tmp/deb/opt/incident-workbench/bin/incident-workbench" ] || fail "the launcher in $deb is not executable"
depends=$(dpkg-deb -f "$deb" Depends)
[[ ",$depends," == *" libgtk-3-0,"* || ",$depends," == *",libgtk-3-0,"* ]] || fail "$deb does not depend on libgtk-3-0: $depends"
desktop=$(ls "$tmp/deb/opt/incident-workbench/lib/"*.desktop) || fail "$deb has no desktop entry"
grep -q "^MimeType=application/x-incident-case" "$desktop" || fail "the desktop entry does not open *.incident"
grep -q "^Exec=.* %f$" "$desktop" || fail "the desktop entry does not pass the opened file to the launcher"
echo "installers ok: $(du -sh "$image" | cut -f1) app image, $(du -h "$deb" | cut -f1) $(basename "$deb")"
