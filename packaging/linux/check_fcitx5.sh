#!/bin/sh
# Type Chinese with Fcitx 5 (pinyin) into the bundled Liaison, by hand: the recipe behind the
# README's "Chinese input" claim. Not part of the test suite (it needs fcitx5, its Chinese
# addons and xdotool, about 50 packages); run it as root on Debian 12 after building:
#
#   apt-get install --no-install-recommends fcitx5 fcitx5-chinese-addons xdotool xvfb x11-apps dbus-daemon
#   sh packaging/linux/check_fcitx5.sh [BUNDLE_DIR]      # default build/pyinstaller/dist/liaison
#
# It starts Xvfb, a D-Bus session and Fcitx 5 with pinyin, then Liaison through the real
# launcher (packaging/linux/liaison-launcher.sh, pointed at BUNDLE_DIR) with the session's
# QT_IM_MODULE=fcitx, opens the account dialog, switches Fcitx on (Ctrl+Space), types "nihao"
# and a space, and saves screenshots (.xwd) in the work folder it prints. Look at after.xwd:
# the e-mail field should read 你好.
set -eu
repo="$(cd "$(dirname "$0")/../.." && pwd)"
bundle="$(cd "${1:-$repo/build/pyinstaller/dist/liaison}" && pwd)"
work="$(mktemp -d)"
mkdir -p "$work/home/.config/fcitx5"
cat > "$work/home/.config/fcitx5/profile" <<'PROFILE'
[Groups/0]
Name=Default
Default Layout=us
DefaultIM=pinyin

[Groups/0/Items/0]
Name=keyboard-us
Layout=

[Groups/0/Items/1]
Name=pinyin
Layout=

[GroupOrder]
0=Default
PROFILE
sed "s|/usr/lib/liaison/liaison|$bundle/liaison|" "$repo/packaging/linux/liaison-launcher.sh" > "$work/liaison"
chmod +x "$work/liaison"
cat > "$work/session.sh" <<SESSION
#!/bin/sh
export HOME=$work/home XDG_CONFIG_HOME=$work/home/.config LANG=C.UTF-8
fcitx5 -r > $work/fcitx.log 2>&1 &
fcitx=\$!
sleep 4
QT_IM_MODULE=fcitx $work/liaison --profile $work/profile > $work/liaison.log 2>&1 &
app=\$!
sleep 5
xdotool windowfocus --sync "\$(xdotool search --name '^Liaison' | head -1)"
xdotool key Return; sleep 2                  # the welcome page's Add Account: the e-mail field has focus
xdotool key ctrl+space; sleep 0.5            # Fcitx on (pinyin)
xdotool type --delay 120 nihao; sleep 0.5
xwd -root -silent -out $work/candidates.xwd  # Fcitx's candidate list: 1. 你好 …
xdotool key space; sleep 1
xwd -root -silent -out $work/after.xwd       # 你好 committed into the field
kill \$app; sleep 1; kill \$fcitx
SESSION
chmod +x "$work/session.sh"
Xvfb :143 -nolisten tcp -screen 0 1280x800x24 >/dev/null 2>&1 &
xvfb=$!
sleep 1
DISPLAY=:143 dbus-run-session -- "$work/session.sh" || true
kill "$xvfb"
echo "screenshots and logs in $work"
