# Interactive: the device app runs in the background, a shell is on the console.
. /box/box.sh
echo "=== the device app runs in the background (DeviceApp run, logs in /data/logs); try:"
echo "    medulla pstore list | DeviceApp burst 1000 | DeviceApp crash | reboot -f | poweroff -f"
supervise_app report run > /data/logs/run.out 2>&1 &
setsid cttyhack sh -l
