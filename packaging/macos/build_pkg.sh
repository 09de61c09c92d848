#!/usr/bin/env bash
# Build Liaison.app and an installer package on macOS (11 or newer; Xcode command line tools).
#
#   bash packaging/macos/build_pkg.sh      # dist/Liaison.app and dist/Liaison-<version>.pkg
#
# A recipe: it has never run on this project's own machines (Linux only); the macOS job of
# .github/workflows/installers.yml runs it on GitHub's macos-latest runner.
#
# * The .app comes from the same PyInstaller spec as Linux and Windows (packaging/liaison.spec
#   makes a BUNDLE on macOS); the icon is made from resources/icons/liaison-*.png with iconutil.
# * pkgbuild makes a component package installing into /Applications, with
#   BundleIsRelocatable=false: otherwise Installer "upgrades" any other copy of Liaison.app it
#   finds on the disk (a copy in Downloads, say) instead of installing into /Applications.
#   productbuild wraps it in a product archive (what MDM tools and `installer -pkg` take).
# * Signing and notarisation are not done here: they need the company's Developer ID
#   certificates. Give DEVELOPER_ID_APP / DEVELOPER_ID_INSTALLER to sign (codesign --options
#   runtime, productbuild --sign); notarise with `xcrun notarytool submit --wait` afterwards.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT="$PWD"
VERSION="$(bash packaging/build.sh version)"
PYTHON="${PYTHON:-python3}"
VENV="$ROOT/.cache/pkg-venv-macos"
PYINSTALLER_VERSION="$(sed -n 's/^PYINSTALLER_VERSION="\([^"]*\)".*/\1/p' packaging/build.sh)"

[ "$(uname -s)" = Darwin ] || { echo "build_pkg.sh runs on macOS only" >&2; exit 2; }

if [ ! -x "$VENV/bin/python" ]; then
  "$PYTHON" -m venv "$VENV"
  "$VENV/bin/python" -m pip install -q --upgrade pip
  "$VENV/bin/python" - <<'PY' > "$VENV/requirements.txt"
import tomllib
print("\n".join(tomllib.load(open("pyproject.toml", "rb"))["project"]["dependencies"]))
PY
  "$VENV/bin/python" -m pip install -q -r "$VENV/requirements.txt" "pyinstaller==$PYINSTALLER_VERSION"
fi
"$VENV/bin/python" scripts/translations.py build

# The icon: an .iconset of the PNG sizes, then iconutil (the spec looks for build/liaison.icns).
mkdir -p build
iconset="build/liaison.iconset"
rm -rf "$iconset"; mkdir -p "$iconset"
for size in 16 32 64 128 256; do
  cp "resources/icons/liaison-$size.png" "$iconset/icon_${size}x${size}.png"
done
cp resources/icons/liaison-32.png "$iconset/icon_16x16@2x.png"
cp resources/icons/liaison-64.png "$iconset/icon_32x32@2x.png"
cp resources/icons/liaison-256.png "$iconset/icon_128x128@2x.png"
rm "$iconset/icon_64x64.png"
iconutil -c icns -o build/liaison.icns "$iconset"

rm -rf build/pyinstaller dist/Liaison.app
"$VENV/bin/python" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath build/pyinstaller/dist --workpath build/pyinstaller/work packaging/liaison.spec
mkdir -p dist
cp -R build/pyinstaller/dist/Liaison.app dist/Liaison.app

if [ -n "${DEVELOPER_ID_APP:-}" ]; then
  codesign --force --deep --options runtime --timestamp --sign "$DEVELOPER_ID_APP" dist/Liaison.app
else
  codesign --force --deep --sign - dist/Liaison.app  # ad hoc: runs here, Gatekeeper still warns
fi

# The package: /Applications/Liaison.app, not relocatable.
pkgroot="build/pkgroot"
rm -rf "$pkgroot"; mkdir -p "$pkgroot"
cp -R dist/Liaison.app "$pkgroot/"
pkgbuild --analyze --root "$pkgroot" build/components.plist
/usr/libexec/PlistBuddy -c "Set :0:BundleIsRelocatable false" build/components.plist
pkgbuild --root "$pkgroot" --component-plist build/components.plist \
  --identifier com.liaison.desktop --version "$VERSION" --install-location /Applications \
  build/Liaison-component.pkg
sign=()
[ -n "${DEVELOPER_ID_INSTALLER:-}" ] && sign=(--sign "$DEVELOPER_ID_INSTALLER")
productbuild --package build/Liaison-component.pkg --identifier com.liaison.desktop \
  --version "$VERSION" "${sign[@]}" "dist/Liaison-$VERSION.pkg"
echo "built dist/Liaison.app and dist/Liaison-$VERSION.pkg"
