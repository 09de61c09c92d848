#!/usr/bin/env bash
# Build Liaison's installers. Run from anywhere; results go to dist/.
#
#   bash packaging/build.sh deb        # dist/liaison_<version>_amd64.deb (Debian 12 / amd64)
#   bash packaging/build.sh bundle     # only the PyInstaller folder (build/pyinstaller/dist/liaison)
#   bash packaging/build.sh msi [DIR]  # dist/liaison-<version>-x64.msi from a Windows bundle DIR
#                                      # (wixl; see packaging/windows/build_msi.sh)
#
# On a fresh Debian 12 run as root it installs what it needs itself (apt: Debian's python3 and
# its shared libpython for PyInstaller, binutils, lintian, the Qt runtime libraries PyInstaller
# inspects; pip: PyInstaller and Liaison's dependencies into a build venv, .cache/pkg-venv).
# Run as a user it names the missing packages.
#
# Why Debian's /usr/bin/python3 and not whatever `python3` is first on PATH: the bundle copies
# the build machine's Python, and PyInstaller needs a shared libpython (pyenv builds usually
# have none). Building on the oldest supported system (Debian 12) keeps the glibc the bundle
# needs the oldest one.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
what="${1:-deb}"

BUILD_PYTHON="${BUILD_PYTHON:-/usr/bin/python3}"
VENV="$ROOT/.cache/pkg-venv"
PYINSTALLER_VERSION="6.22.3"  # pinned: a new PyInstaller can change what the bundle holds
WORK="$ROOT/build/pyinstaller"
BUNDLE="$WORK/dist/liaison"

VERSION="$("$BUILD_PYTHON" - <<'EOF'
import ast, pathlib
tree = ast.parse(pathlib.Path("app/__init__.py").read_text())
print(next(node.value.value for node in tree.body if isinstance(node, ast.Assign)
           and getattr(node.targets[0], "id", "") == "__version__"))
EOF
)"

need_apt() {
  local missing=""
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing="$missing $pkg"
  done
  [ -z "$missing" ] && return 0
  if [ "$(id -u)" = 0 ]; then
    echo "Installing build packages:$missing"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends $missing >/dev/null
  else
    echo "Missing build packages:$missing" >&2
    echo "Install them with: sudo apt-get install$missing" >&2
    exit 1
  fi
}

# The Qt runtime: PyInstaller imports PySide6 while analysing, and dpkg-shlibdeps must find
# every system library the bundle links to in order to name its package.
QT_RUNTIME="libglib2.0-0 libgl1 libegl1 libfontconfig1 libfreetype6 libxkbcommon0 libdbus-1-3
  libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0 libxcb-render-util0
  libxcb-shape0 libxcb-xkb1 libxcb-xinerama0 libxkbcommon-x11-0 libx11-xcb1 libwayland-client0
  libwayland-cursor0 libwayland-egl1 libxrender1 libxi6 libsm6 libice6"

build_venv() {
  need_apt python3 python3-venv libpython3.11 binutils $QT_RUNTIME
  # Made again only when what goes into it changes: the dependencies, PyInstaller, the Python.
  local stamp="$VENV/.stamp-$( { cat pyproject.toml; echo "$PYINSTALLER_VERSION"; "$BUILD_PYTHON" --version; } | sha256sum | cut -c1-16)"
  if [ ! -e "$stamp" ]; then
    rm -rf "$VENV"
    "$BUILD_PYTHON" -m venv "$VENV"
    "$VENV/bin/python" -m pip install -q --upgrade pip >/dev/null
    # Liaison's own dependencies (from pyproject.toml) and PyInstaller; not Liaison itself:
    # PyInstaller takes app/ from the checkout.
    "$VENV/bin/python" - <<'EOF' > "$VENV/requirements.txt"
import tomllib
print("\n".join(tomllib.load(open("pyproject.toml", "rb"))["project"]["dependencies"]))
EOF
    "$VENV/bin/python" -m pip install -q -r "$VENV/requirements.txt" "pyinstaller==$PYINSTALLER_VERSION"
    touch "$stamp"
  fi
}

build_bundle() {
  build_venv
  "$VENV/bin/python" scripts/translations.py build
  rm -rf "$WORK"
  "$VENV/bin/python" -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath "$WORK/dist" --workpath "$WORK/work" packaging/liaison.spec
  # Chinese input: Qt's IBus and compose input-method plugins must be in the bundle.
  local contexts
  contexts="$(find "$BUNDLE" -path '*plugins/platforminputcontexts/*.so' -printf '%f\n' | sort | tr '\n' ' ')"
  for plugin in libibusplatforminputcontextplugin.so libcomposeplatforminputcontextplugin.so; do
    case " $contexts" in *" $plugin "*) ;; *) echo "input-method plugin $plugin missing from the bundle" >&2; exit 1;; esac
  done
  echo "bundle: $BUNDLE ($(du -sh "$BUNDLE" | cut -f1)); input methods: $contexts"
}

build_deb() {
  need_apt dpkg-dev lintian
  LIAISON_SYSTEM_LIBS=1 build_bundle  # system libraries come from Depends (see the spec)
  local stage="$ROOT/build/deb/liaison_${VERSION}_amd64"
  local out="$ROOT/dist/liaison_${VERSION}_amd64.deb"
  rm -rf "$ROOT/build/deb"
  mkdir -p "$stage/DEBIAN" "$stage/usr/lib" "$stage/usr/bin" "$ROOT/dist"
  cp -a "$BUNDLE" "$stage/usr/lib/liaison"
  # A small launcher, not a symlink: it maps a Fcitx session to Qt's IBus portal (see the script).
  install -m 755 packaging/linux/liaison-launcher.sh "$stage/usr/bin/liaison"
  # Strip the shared libraries as dh_strip would (some wheels ship them with symbols). Not the
  # liaison program itself: PyInstaller appends its archive to it, and strip would cut it off.
  find "$stage/usr/lib/liaison/_internal" -type f -name '*.so*' -print0 \
    | xargs -0 strip --remove-section=.comment --remove-section=.note --strip-unneeded

  # Desktop entry and icons (hicolor: the PNG sizes and the SVG). dpkg triggers of
  # desktop-file-utils and hicolor-icon-theme refresh the caches: no maintainer scripts.
  install -D -m 644 packaging/linux/liaison.desktop "$stage/usr/share/applications/liaison.desktop"
  for size in 16 32 48 64 128 256; do
    install -D -m 644 "resources/icons/liaison-$size.png" \
      "$stage/usr/share/icons/hicolor/${size}x${size}/apps/liaison.png"
  done
  install -D -m 644 resources/icons/liaison.svg "$stage/usr/share/icons/hicolor/scalable/apps/liaison.svg"

  # Documentation Debian policy asks for, and the overrides of lintian tags that a PyInstaller
  # bundle cannot avoid (each one says why).
  local doc="$stage/usr/share/doc/liaison"
  install -D -m 644 packaging/linux/copyright "$doc/copyright"
  sed "s/@VERSION@/$VERSION/; s/@DATE@/$(date -R -d "@$(git log -1 --format=%ct 2>/dev/null || date +%s)")/" \
    packaging/linux/changelog | gzip -9n > "$doc/changelog.gz"
  install -D -m 644 packaging/linux/lintian-overrides "$stage/usr/share/lintian/overrides/liaison"
  install -D -m 644 packaging/linux/liaison.1 "$stage/usr/share/man/man1/liaison.1"
  gzip -9n "$stage/usr/share/man/man1/liaison.1"

  # Permissions as Debian wants them: directories and programs 755, everything else 644
  # (PyInstaller copies the wheel's modes, some of which are 775 or 664).
  find "$stage" -type d -exec chmod 755 {} +
  find "$stage" -type f -exec chmod 644 {} +
  chmod 755 "$stage/usr/lib/liaison/liaison" "$stage/usr/bin/liaison"

  # Depends: the packages of every system library an ELF file in the bundle links to, as
  # dpkg-shlibdeps finds them (libraries inside the bundle satisfy themselves), plus the Qt
  # runtime packages named explicitly: libGL/libEGL are also loaded with dlopen, and the xcb
  # platform must not lose libxcb-cursor0 or libxkbcommon-x11-0 if a future Qt stops linking
  # them directly.
  local depends
  depends="$(shlib_depends "$stage")"
  cat > "$stage/DEBIAN/control" <<EOF
Package: liaison
Version: $VERSION
Architecture: amd64
Maintainer: Liaison developers <liaison@example.com>
Installed-Size: $(du -sk --exclude=DEBIAN "$stage" | cut -f1)
Depends: $depends
Recommends: gnome-keyring | kwalletmanager | keepassxc, fonts-noto-cjk | fonts-wqy-microhei
Suggests: ibus | fcitx5
Section: mail
Priority: optional
Homepage: https://liaison.example.com/
Description: desktop mail and customer client for salespeople
 Liaison syncs mail over IMAP into a local store, readable offline, and keeps
 customer records (contacts, companies, deals, tasks, notes) beside it: every
 conversation with a customer lands on their record by itself. Mail is written
 in Markdown and sent through an offline outbox. The interface is in English
 and Simplified Chinese. A command line (liaison COMMAND) drives the same core.
EOF
  rm -f "$ROOT"/dist/liaison_*_amd64.deb
  # gzip, not xz: about 1.4x larger but ten times quicker to build (PLATFORM.md, "Packaging").
  dpkg-deb --root-owner-group -Zgzip --build "$stage" "$out" >/dev/null
  echo "built $out ($(du -h "$out" | cut -f1))"
  echo "Depends: $depends"
  # No lintian errors: lintian fails on an error tag (its default --fail-on error), and so does
  # the build. Warnings are listed in the README.
  local report="$ROOT/build/deb/lintian.txt"
  local status=0
  lintian --tag-display-limit 0 "$out" > "$report" 2>&1 || status=$?
  cat "$report"
  if [ "$status" != 0 ] || grep -q '^E:' "$report"; then
    echo "lintian reported errors (exit code $status)" >&2
    exit 1
  fi
}

shlib_depends() {
  local stage="$1" tmp
  tmp="$(mktemp -d)"
  mkdir -p "$tmp/debian"
  printf 'Source: liaison\n\nPackage: liaison\nArchitecture: amd64\n' > "$tmp/debian/control"
  # Every ELF file of the bundle; library directories inside it are searched first.
  local elves=() dirs=()
  while IFS= read -r -d '' f; do
    if head -c 4 "$f" | grep -q 'ELF'; then elves+=("$f"); fi
  done < <(find "$stage/usr/lib/liaison" -type f \( -name '*.so*' -o -name liaison \) -print0)
  while IFS= read -r d; do dirs+=("-l$d"); done < <(printf '%s\n' "${elves[@]}" | xargs -n1 dirname | sort -u)
  (cd "$tmp" && dpkg-shlibdeps --ignore-missing-info -O "${dirs[@]}" "${elves[@]}" 2>"$tmp/warnings") \
    | sed -n 's/^shlibs:Depends=//p' > "$tmp/depends" || { cat "$tmp/warnings" >&2; exit 1; }
  local found
  found="$(cat "$tmp/depends")"
  rm -rf "$tmp"
  # Named explicitly (see build_deb): the Qt runtime, some of it loaded with dlopen.
  # One entry per package (the first, versioned one wins), sorted.
  echo "$found, libxcb-cursor0, libgl1, libegl1, libxkbcommon-x11-0, libfontconfig1, libdbus-1-3" \
    | tr ',' '\n' | sed 's/^ *//; /^$/d' | awk '{ name = $1; if (!(name in seen)) { seen[name] = 1; print } }' \
    | sort | paste -sd, | sed 's/,/, /g'
}

case "$what" in
  bundle) build_bundle ;;
  deb) build_deb ;;
  msi) bash packaging/windows/build_msi.sh "${2:-}" ;;
  version) echo "$VERSION" ;;
  *) echo "usage: $0 deb|bundle|msi [BUNDLE_DIR]|version" >&2; exit 2 ;;
esac
