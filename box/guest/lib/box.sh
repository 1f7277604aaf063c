# Helpers for scenario scripts (sourced). The scenario gets the boot number as $1.

# Reboots the box the way a device's init does after its main program died: sync, then reboot(2).
# qemu does a warm reset, so the ramoops region (and the pmsg lines in it) survives.
reboot_now() {
    echo "box: rebooting"
    sync
    reboot -f
    while :; do sleep 3600; done
}

# Prints a check's result and remembers a failure; scenarios end with `exit $failed`.
failed=0
check() {
    if eval "$2"; then
        echo "CHECK PASS: $1"
    else
        echo "CHECK FAIL: $1"
        failed=1
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
