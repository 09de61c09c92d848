#!/usr/bin/env bash
# Build the Windows installer from a PyInstaller bundle folder with wixl (msitools).
#
#   bash packaging/windows/build_msi.sh BUNDLE_DIR [OUT.msi]
#
# BUNDLE_DIR is PyInstaller's dist\liaison from a Windows build (liaison.exe and _internal\);
# the CI workflow passes the real one. Here, on Linux, the tests pass a stand-in folder (no
# Windows bundle can be made on Linux), so the MSI built here is inspected, never installed.
# The CI workflow runs this on Linux (ubuntu-latest) with the bundle the Windows job made, so
# the MSI shipped is made by the same tool the tests check. liaison.wxs is plain WiX 3 schema;
# WiX's own candle and light should take it too (not tried).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
bundle="${1:?usage: build_msi.sh BUNDLE_DIR [OUT.msi]}"
bundle="$(cd "$bundle" && pwd)"
[ -f "$bundle/liaison.exe" ] || { echo "$bundle has no liaison.exe: not a Windows bundle" >&2; exit 2; }
# The version is app.__version__ (MSI_VERSION overrides it: the tests build an "older" and a
# "newer" MSI from the same tree).
version="${MSI_VERSION:-$(bash "$root/packaging/build.sh" version)}"
# MSI versions are numbers only (major.minor.build); a suffix such as 1.2.0rc1 is cut off.
msi_version="$(printf '%s' "$version" | grep -oE '^[0-9]+(\.[0-9]+){0,2}')"
out="${2:-$root/dist/liaison-$version-x64.msi}"
mkdir -p "$(dirname "$out")"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# Every file of the bundle as a component under INSTALLDIR (directories kept). wixl-heat puts
# the top-level files into a directory named "." : those move up into INSTALLDIR itself.
(cd "$bundle" && find . -type f | LC_ALL=C sort) \
  | wixl-heat --prefix "./" --var var.BundleDir --directory-ref INSTALLDIR \
      --component-group Bundle --win64 > "$work/heat.wxs"
python3 - "$work/heat.wxs" "$work/bundle.wxs" <<'PY'
import sys
import xml.etree.ElementTree as ET

NS = "http://schemas.microsoft.com/wix/2006/wi"
ET.register_namespace("", NS)
tree = ET.parse(sys.argv[1])
for ref in tree.iter(f"{{{NS}}}DirectoryRef"):
    for directory in list(ref.findall(f"{{{NS}}}Directory")):
        if directory.get("Name") == ".":
            ref.remove(directory)
            ref.extend(list(directory))
tree.write(sys.argv[2], encoding="utf-8", xml_declaration=True)
PY
# wixl takes only relative Source paths (relative to the current directory).
cd "$bundle"
wixl --arch x64 -D Version="$msi_version" -D BundleDir=. -D Win64=yes \
  -o "$out" "$here/liaison.wxs" "$work/bundle.wxs"
echo "built $out ($(du -h "$out" | cut -f1))"
