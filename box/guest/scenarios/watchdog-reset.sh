# System test 4: a hardware watchdog opened and not petted resets the device, and the next boot sees a
# non-zero bootstatus.
. /box/box.sh
case "$1" in
1)
    wd="$(watchdog_named 'i6300ESB timer')" || { echo "no i6300ESB watchdog"; exit 10; }
    echo "box: opening $wd and never petting it; timeout $(cat /sys/class/watchdog/${wd#/dev/}/timeout) s"
    exec 3> "$wd"
    sleep 600 ;;
2)
    wd="$(watchdog_named 'i6300ESB timer')" || { echo "no i6300ESB watchdog"; exit 10; }
    status="$(cat /sys/class/watchdog/${wd#/dev/}/bootstatus)"
    echo "bootstatus of $wd: $status"
    check "bootstatus is non-zero after the watchdog reset" "[ \"$status\" != 0 ]"
    exit $failed ;;
esac
