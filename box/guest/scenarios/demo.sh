# The demo device's life in two boots: logs, a crash, the reboot, and on the next boot the previous
# boot's pmsg lines read back from pstore.
. /box/box.sh
case "$1" in
1)
    echo "=== boot 1: the device app starts, logs, and crashes"
    supervise_app demo 2000 crash
    status=$?
    echo "=== the device app died (exit status $status); init reboots the device, as a device's init does"
    reboot_now ;;
*)
    echo "=== boot $1: the device app starts again and finds the previous boot's logs in pstore"
    DeviceApp report
    status=$?
    echo "=== archived records on the data disk:"
    find /data/pstore -type f | sort
    exit "$status" ;;
esac
