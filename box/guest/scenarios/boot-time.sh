# What the boot-time benchmark (bench/Medulla.Bench: box-boot) measures on the host's clock from the console:
# boot 1 is a cold start (qemu starts, first boot: init formats the blank data disk) of validated firmware
# in slot a, where the app runs its start-up work and ends; it installs firmware in slot b and reboots.
# Boot 2 (a warm reset) runs the unvalidated firmware in slot b until the app validates it.
. /box/box.sh
case "$1" in
1)
    DeviceApp report
    install_slot_b "" || exit 1
    reboot_now ;;
*)
    # The app writes to the console itself (the benchmark times its lines); its log file says when it validated.
    run_slot_app run &
    app=$!
    tries=0
    until grep -q 'validated after' /data/logs/device.log 2>/dev/null; do
        tries=$((tries + 1))
        if [ "$tries" -gt 600 ] || ! kill -0 "$app" 2>/dev/null; then
            echo "CHECK FAIL: the app validated the firmware within 60 s"
            exit 1
        fi
        sleep 0.1
    done
    check "the app validated slot b" "[ \"$BOX_SLOT\" = b ] && medulla fw status | grep -qx 'validation: validated'"
    kill -TERM "$app"
    wait "$app"
    exit $failed ;;
esac
