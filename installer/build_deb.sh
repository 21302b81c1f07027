#!/usr/bin/env bash
# Build the Linux package: PyInstaller one-folder app -> frozen self-test -> acuerdo_<ver>_<arch>.deb
#
#   installer/build_deb.sh            (what `make deb` runs; output in dist/)
#   PYTHON=/path/to/python OUT=/tmp/out installer/build_deb.sh
#
# The frozen `acuerdo --self-test` runs BEFORE packaging: a build whose app cannot start, find
# its resources, create a SIP endpoint or open its store never becomes a package.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PYTHON="${PYTHON:-$ROOT/.venv/bin/python}"
OUT="${OUT:-$ROOT/dist}"
WORK="${WORK:-$ROOT/build/installer}"
cd "$ROOT"

VERSION="$("$PYTHON" -c 'import tomllib;print(tomllib.load(open("pyproject.toml","rb"))["project"]["version"])')"
ARCH="$(dpkg --print-architecture)"
DEB="$OUT/acuerdo_${VERSION}_${ARCH}.deb"
started=$(date +%s)

echo "== PyInstaller (one folder) =="
rm -rf "$WORK"
"$PYTHON" -m PyInstaller --noconfirm --log-level WARN \
    --distpath "$WORK/dist" --workpath "$WORK/pyinstaller" installer/acuerdo.spec
APP="$WORK/dist/acuerdo"

echo "== frozen self-test =="
# A private HOME and XDG folders: the self-test must not see or touch a real user's files.
SANDBOX="$(mktemp -d)"
trap 'rm -rf "$SANDBOX"' EXIT
env -i PATH="/usr/bin:/bin" HOME="$SANDBOX" XDG_CONFIG_HOME="$SANDBOX/config" \
    XDG_DATA_HOME="$SANDBOX/data" XDG_STATE_HOME="$SANDBOX/state" LANG=C.UTF-8 \
    ACUERDO_POLICY="$SANDBOX/no-policy.toml" QT_QPA_PLATFORM=offscreen \
    "$APP/acuerdo" --self-test | tee "$WORK/self-test.json"

echo "== package =="
PKG="$WORK/pkgroot"
install -d "$PKG/DEBIAN" "$PKG/opt" "$PKG/usr/bin" "$PKG/usr/share/applications" \
    "$PKG/usr/share/icons/hicolor/scalable/apps" "$PKG/usr/share/doc/acuerdo"
cp -a "$APP" "$PKG/opt/acuerdo"
# The bootloader finds _internal/ through /proc/self/exe, so a symlink launcher is enough.
ln -s /opt/acuerdo/acuerdo "$PKG/usr/bin/acuerdo"
install -m 0644 installer/linux/acuerdo.desktop "$PKG/usr/share/applications/acuerdo.desktop"
install -m 0644 installer/linux/acuerdo.svg "$PKG/usr/share/icons/hicolor/scalable/apps/acuerdo.svg"
install -m 0644 installer/policy.example.toml "$PKG/usr/share/doc/acuerdo/policy.example.toml"
install -m 0644 installer/README.md "$PKG/usr/share/doc/acuerdo/README.md"
SIZE_KB="$(du -sk "$PKG" | cut -f1)"
sed -e "s/@VERSION@/$VERSION/" -e "s/@ARCH@/$ARCH/" -e "s/@SIZE@/$SIZE_KB/" \
    installer/linux/control.in > "$PKG/DEBIAN/control"
install -m 0755 installer/linux/postinst installer/linux/postrm "$PKG/DEBIAN/"
mkdir -p "$OUT"
# gzip: fast on the build box and readable by every dpkg an agent desk may run (xz: -Zxz).
dpkg-deb --root-owner-group -Z"${DEB_COMPRESSION:-gzip}" --build "$PKG" "$DEB" >/dev/null
echo "== built $DEB ($(du -h "$DEB" | cut -f1)) in $(( $(date +%s) - started )) s =="
