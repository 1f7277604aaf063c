# box-data: app
# The device's first two boots. The data disk is blank, init leaves it alone, and the app's AddMedulla()
# formats and mounts it; then the app asks for a reboot through Medulla's power path (its host stops, PID 1
# gets SIGTERM with the reboot argument in /run/reboot-param, init reboots). On the second boot the app
# mounts the partition without formatting it and finds boot 1's files.
. /box/box.sh
case "$1" in
1)
    echo "=== boot 1: blank data disk; the app formats it, then asks for a reboot"
    check "the data partition is not mounted before the app starts" "! grep -q ' /data ' /proc/mounts"
    check "the data disk is blank (no ext4 superblock)" "[ -z \"\$(dd if=/dev/vda bs=1024 skip=1 count=1 2>/dev/null | tr -d '\\000')\" ]"
    [ "$failed" -eq 0 ] || exit 1
    DeviceApp reboot
    echo "CHECK FAIL: the device rebooted when the app asked (the app returned with status $?)"
    exit 1 ;;
*)
    echo "=== boot $1: the app mounts the data partition it formatted on boot 1"
    check "boot 1 ended in a reboot asked of init with SIGTERM and the app's reboot argument" \
        "echo \"\$BOX_LAST_BOOT_END\" | grep -q \"reboot by SIGTERM, reboot argument 'demo'\""
    check "the data partition is not mounted before the app starts" "! grep -q ' /data ' /proc/mounts"
    DeviceApp report > /tmp/app.out 2>&1
    status=$?
    cat /tmp/app.out
    # The app prints the previous boot's pmsg lines (boot 1's format warning among them): not its own.
    sed "/previous boot's pmsg lines (from pstore)/,/end of the previous boot's pmsg lines/d" /tmp/app.out > /tmp/app-own.out
    check "the app mounted the partition without formatting it" \
        "grep -q 'Data partition /dev/vda (ext4) mounted read-write on /data' /tmp/app-own.out && ! grep -q 'Formatting data partition' /tmp/app-own.out"
    mount -t ext4 /dev/vda /data 2>/dev/null
    check "medulla data status: mounted read-write" "medulla data status | grep -q '^mounted-rw: '"
    check "boot 1's app formatted the blank disk with a warning (its log on the data partition)" \
        "grep -q 'Formatting data partition /dev/vda as ext4' /data/logs/device.log"
    check "boot 1's app asked init for the reboot by the BusyBox convention" "grep -q 'sending it SIGTERM for a reboot' /data/logs/device.log"
    check "the data partition holds one ext4 file system made on boot 1 (mounted, not remade: its log has both boots)" \
        "[ \$(grep -c 'Formatting data partition' /data/logs/device.log) -eq 1 ]"
    [ "$status" -eq 0 ] || exit "$status"
    exit $failed ;;
esac
