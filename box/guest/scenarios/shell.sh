# Interactive: the device app runs in the background, a shell is on the console. Leaving the shell
# (exit) ends the scenario with the shell's status, and init powers the box off.
. /box/box.sh
mkdir -p /data/logs
echo "=== the device app runs in the background (DeviceApp run, logs in /data/logs); try:"
echo "    medulla pstore list | DeviceApp burst 1000 | DeviceApp crash | reboot -f | exit"
supervise_app report run > /data/logs/run.out 2>&1 &
setsid cttyhack sh -l
