#!/bin/sh
# /usr/bin/liaison: starts the bundle in /usr/lib/liaison.
#
# Why a script and not a symlink: Chinese input under Fcitx 5. The bundle's Qt (PySide6's) has
# no Fcitx plugin and none can be built for it (README, "Chinese input"), so a session set up
# with QT_IM_MODULE=fcitx would get no input method at all. Fcitx 5 also answers Qt's IBus
# plugin through the IBus portal interface, which Qt uses when IBUS_USE_PORTAL is set (without
# it, Qt's IBus plugin gives up unless an ibus-daemon program is installed). So such a session
# gets IBus-over-portal instead. Any other setting is left alone.
case "${QT_IM_MODULE:-}" in
  fcitx|fcitx5)
    QT_IM_MODULE=ibus
    IBUS_USE_PORTAL=1
    export QT_IM_MODULE IBUS_USE_PORTAL
    ;;
esac
exec /usr/lib/liaison/liaison "$@"
