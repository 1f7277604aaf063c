# disable_hw, then SHUT_DOWN: the heart had stopped petting the i6300esb, so at SHUT_DOWN it exits
# without the magic close and the watchdog stays armed; it resets the box, and the next boot's
# bootstatus says so. The frames go to medulla-heart straight from the shell, as an app would send them.
. /box/box.sh
case "$1" in
1)
    wd="$(watchdog_named 'i6300ESB timer')" || { echo "no i6300ESB watchdog"; exit 10; }
    mkfifo /tmp/heart.in
    HEART_WATCHDOG_PATH="$wd" HEART_KERNEL_TIMEOUT=10 medulla-heart -ht 15 < /tmp/heart.in > /tmp/heart.out &
    heart_pid=$!
    exec 3> /tmp/heart.in
    echo "box: medulla-heart $heart_pid on $wd (timeout 10 s): disable_hw, then SHUT_DOWN"
    # Frames: a 2-byte big-endian length (operation byte plus body), the operation, the body.
    printf '\000\013\004disable_hw' >&3   # SET_CMD disable_hw
    printf '\000\001\003' >&3             # SHUT_DOWN
    wait "$heart_pid"
    status=$?
    exec 3>&-
    dmesg | grep medulla-heart
    check "the heart exited after SHUT_DOWN" "[ $status -eq 0 ]"
    check "the heart left the watchdog armed" "dmesg | grep -q 'the watchdog stays armed'"
    check "the kernel saw the watchdog closed without the magic character" "dmesg | grep -q 'watchdog did not stop'"
    echo 1 > /data/.box/shut-down
    sync
    sleep 120
    echo "no watchdog reset within 120 s"
    exit 11 ;;
2)
    wd="$(watchdog_named 'i6300ESB timer')" || { echo "no i6300ESB watchdog"; exit 10; }
    status="$(cat /sys/class/watchdog/${wd#/dev/}/bootstatus)"
    echo "bootstatus of $wd: $status"
    check "boot 1 got as far as SHUT_DOWN" "[ -f /data/.box/shut-down ]"
    check "the i6300esb reset the box after disable_hw and SHUT_DOWN" "[ \"$status\" != 0 ]"
    exit $failed ;;
esac
