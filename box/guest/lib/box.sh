# Helpers for scenario scripts and init (sourced). The scenario gets the boot number as $1; init exports
# it as BOX_BOOT, the active slot as BOX_SLOT and how the previous boot ended as BOX_LAST_BOOT_END.

# The box's own records (boot number, how the previous boot ended) live in one sector of the environment
# disk past the two environment copies, so they survive reboots whatever the data disk holds.
box_record_read() { dd if=/dev/vdb bs=512 skip=1024 count=1 2>/dev/null | tr -d '\000' | grep "^$1=" | cut -d= -f2-; }
box_record_write() {
    { echo "boot=$BOX_BOOT"; echo "last=$1"; } | dd of=/dev/vdb bs=512 seek=1024 count=1 conv=sync,fsync 2>/dev/null
}

# Reboots the box the way a device's init does after its main program died: sync, then reboot(2).
# qemu does a warm reset, so the ramoops region (and the pmsg lines in it) survives.
reboot_now() {
    echo "box: rebooting"
    box_record_write "reboot by the scenario"
    sync
    reboot -f
    while :; do sleep 3600; done
}

# Prints a check's result and remembers a failure; scenarios end with `exit $failed`. A failure is also
# noted in /run for init, which decides the result of a scenario that ends in a power-off.
failed=0
check() {
    if eval "$2"; then
        echo "CHECK PASS: $1"
    else
        echo "CHECK FAIL: $1"
        failed=1
        : > /run/box-check-failed
    fi
}

# The hardware watchdog by identity (with softdog present too, numbering is not fixed).
watchdog_named() {
    for d in /sys/class/watchdog/watchdog*; do
        if [ "$(cat "$d/identity" 2>/dev/null)" = "$1" ]; then
            echo "/dev/${d##*/}"
            return 0
        fi
    done
    return 1
}

# Runs the device app as a device's init would: exit status 3 is the app asking for a reboot.
supervise_app() {
    DeviceApp "$@"
    status=$?
    [ "$status" -eq 3 ] && reboot_now
    return "$status"
}

# Starts the device app with the heart on the i6300esb watchdog, in the background; sets $app_pid and
# returns once `medulla heart status` answers (the heart is up and has the app's first beat).
start_app_with_heart() {
    wd="$(watchdog_named 'i6300ESB timer')" || { echo "no i6300ESB watchdog"; return 1; }
    Medulla__Heart__Enabled=true Medulla__Heart__WatchdogPath="$wd" DeviceApp run > /data/.box/app.out 2>&1 &
    app_pid=$!
    tries=0
    until medulla heart status > /dev/null 2>&1; do
        tries=$((tries + 1))
        [ "$tries" -gt 120 ] && { echo "the heart did not come up"; cat /data/.box/app.out; return 1; }
        kill -0 "$app_pid" 2>/dev/null || { echo "the app died"; cat /data/.box/app.out; return 1; }
        sleep 0.5
    done
    echo "box: app $app_pid runs with medulla-heart on $wd"
}

# Installs firmware in slot b the way an update does (fwup writes the same variables): b's metadata, then
# b active, unvalidated, with U-Boot counting its boots. One fw_setenv script, one environment write.
# $1: the path the new firmware's health check requires (empty: none), which stands for what the new
# firmware expects of the device; the box's two slots hold the same programs.
install_slot_b() {
    # libubootenv's script format: name=value lines.
    {
        echo "b.nerves_fw_product=Medulla demo device"
        echo "b.nerves_fw_version=0.2.0"
        echo "b.nerves_fw_platform=qemu-box"
        echo "b.nerves_fw_architecture=x86_64"
        echo "b.nerves_fw_author=The Medulla developers"
        echo "b.nerves_fw_application_part0_devpath=/dev/vda"
        echo "b.nerves_fw_application_part0_fstype=ext4"
        echo "b.nerves_fw_application_part0_target=/data"
        echo "b.nerves_fw_validated=0"
        [ -n "$1" ] && echo "b.box_required_path=$1"
        echo "nerves_fw_active=b"
        echo "nerves_fw_validated=0"
        echo "upgrade_available=1"
        echo "bootcount=0"
    } > /tmp/install-b.script
    fw_setenv -s /tmp/install-b.script || return 1
    [ "$(fw_printenv -n nerves_fw_active)" = b ] || { echo "box: installing slot b did not take"; return 1; }
    echo "box: firmware 0.2.0 installed in slot b, unvalidated${1:+, requiring $1}"
}

# Runs the device app as the active slot's firmware: with the health check's required path from the
# slot's metadata (<slot>.box_required_path).
run_slot_app() {
    Device__RequiredPath="$(fw_printenv -n "$BOX_SLOT.box_required_path" 2>/dev/null)" DeviceApp "$@"
}

# Runs the app's start-up work alone (DeviceApp report) and checks, as check "$2", that assisted
# validation found the firmware in slot $1 valid; ends the scenario with the app's status if it failed.
check_firmware_valid_at_start() {
    DeviceApp report > /tmp/app.out 2>&1
    app_status=$?
    check "$2" "grep -q 'Firmware in slot $1 is validated: nothing to validate' /tmp/app.out"
    [ "$app_status" -eq 0 ] || { cat /tmp/app.out; exit "$app_status"; }
}
