# The demo device's life in two boots: logs (the kernel's boot messages among them), a crash, the
# reboot, and on the next boot the previous boot's pmsg lines read back from pstore. Boot 1 also writes a
# random mark through the pmsg handler only (its category never reaches the console), so finding it in
# boot 2's read-back proves the lines came from pstore, not from boot 1's console.
. /box/box.sh
case "$1" in
1)
    echo "=== boot 1: the device app starts, logs, and crashes"
    # 7 hex digits: a positive number that fits the app's int count.
    mark=$(( 0x$(cut -c1-7 /proc/sys/kernel/random/uuid) + 1 ))
    echo "$mark" > /data/.box/demo-mark
    sync
    supervise_app mark "$mark" demo 2000 crash
    status=$?
    echo "=== the device app died (exit status $status); init reboots the device, as a device's init does"
    reboot_now ;;
*)
    echo "=== boot $1: the device app starts again and finds the previous boot's logs in pstore"
    mark=$(cat /data/.box/demo-mark)
    DeviceApp report > /data/.box/demo-report.out 2>&1
    status=$?
    cat /data/.box/demo-report.out
    echo "=== archived records on the data disk:"
    find /data/pstore -type f | sort
    sed -n "/previous boot's pmsg lines (from pstore)/,/end of the previous boot's pmsg lines/p" /data/.box/demo-report.out > /tmp/from-pstore.txt
    check "boot 1's mark is among the pmsg lines read back from pstore" "grep -qw 'boot mark $mark' /tmp/from-pstore.txt"
    check "the crash line is among the pmsg lines read back from pstore" "grep -q 'About to crash on purpose' /tmp/from-pstore.txt"
    check "the archived pmsg record holds boot 1's mark" "cat /data/pstore/*/pmsg-* 2>/dev/null | grep -qw 'boot mark $mark'"
    # The app logs the kernel's messages from boot (/dev/kmsg from the start of the ring) with their levels.
    check "the app's log shows the kernel's boot banner at notice level" "grep -qi 'notice kernel: Linux version' /data/.box/demo-report.out"
    kernel_levels() { grep -o '[A-Za-z]* kernel: ' /data/.box/demo-report.out | cut -d' ' -f1 | tr 'A-Z' 'a-z' | sort -u; }
    check "the app's log shows kernel messages of more than one level: $(kernel_levels | tr '\n' ' ')" "[ \$(kernel_levels | wc -l) -ge 2 ]"
    [ "$status" -eq 0 ] || exit "$status"
    exit $failed ;;
esac
