# The app powers the device off through Medulla's power path: its host stops, PID 1 gets SIGUSR2 (the
# BusyBox convention), init powers off and qemu ends. Init prints the result line when it powers off on
# the request; the scenario only says that it expects one.
. /box/box.sh
echo "=== boot $1: the app powers the device off"
: > /run/box-expect-poweroff
DeviceApp poweroff
echo "CHECK FAIL: the device powered off when the app asked (the app returned with status $?)"
exit 1
