#!/usr/bin/env bash
# macOS recipe: Acuerdo.app + Acuerdo-<version>.dmg. Run on a Mac (Apple silicon or Intel)
# with Python 3.11 and the project venv; not runnable on the Linux build machine.
#
#   installer/macos/build_dmg.sh                       # unsigned, for testing
#   SIGN_ID="Developer ID Application: ..." NOTARY_PROFILE=acuerdo installer/macos/build_dmg.sh
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
PYTHON="${PYTHON:-$ROOT/.venv/bin/python}"
WORK="$ROOT/build/installer-macos"
cd "$ROOT"
VERSION="$("$PYTHON" -c 'import tomllib;print(tomllib.load(open("pyproject.toml","rb"))["project"]["version"])')"

rm -rf "$WORK"
"$PYTHON" -m PyInstaller --noconfirm --distpath "$WORK/dist" --workpath "$WORK/pyinstaller" installer/acuerdo.spec
APP="$WORK/dist/Acuerdo.app"
# The same gate as Linux: no package from a build whose self-test fails.
QT_QPA_PLATFORM=offscreen ACUERDO_POLICY="$WORK/no-policy.toml" "$APP/Contents/MacOS/acuerdo" --self-test
/usr/libexec/PlistBuddy -c "Print :NSMicrophoneUsageDescription" "$APP/Contents/Info.plist"

if [ -n "${SIGN_ID:-}" ]; then
  # Hardened runtime + the audio-input entitlement, or the microphone stays silent.
  codesign --force --deep --options runtime --timestamp \
      --entitlements installer/macos/entitlements.plist --sign "$SIGN_ID" "$APP"
fi
mkdir -p dist
DMG="dist/Acuerdo-$VERSION.dmg"
hdiutil create -volname "Acuerdo" -srcfolder "$APP" -ov -format UDZO "$DMG"
if [ -n "${SIGN_ID:-}" ] && [ -n "${NOTARY_PROFILE:-}" ]; then
  codesign --sign "$SIGN_ID" --timestamp "$DMG"
  xcrun notarytool submit "$DMG" --keychain-profile "$NOTARY_PROFILE" --wait
  xcrun stapler staple "$DMG"
fi
echo "built $DMG"
