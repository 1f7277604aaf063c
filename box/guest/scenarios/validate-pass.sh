# New firmware whose health check passes is validated on its first boot and stays. Boot 1 (slot a)
# installs firmware in slot b, unvalidated; on boot 2 the app's assisted validation validates it once its
# health check passes (one environment write), and boot 3 still runs slot b, validated.
. /box/box.sh
case "$1" in
1)
    echo "=== boot 1 on slot $BOX_SLOT: install firmware in slot b, then reboot"
    install_slot_b "" || exit 1
    reboot_now ;;
2)
    echo "=== boot 2 on slot $BOX_SLOT: the app validates the new firmware"
    check "boot 2 runs slot b, unvalidated, boot 1 of at most 3" \
        "[ \"$BOX_SLOT\" = b ] && medulla fw status | grep -qx 'validation: unvalidated' && [ \"\$(fw_printenv -n bootcount)\" = 1 ]"
    run_slot_app run > /data/.box/app-boot2.out 2>&1 &
    app=$!
    tries=0
    until grep -q 'validated after' /data/.box/app-boot2.out 2>/dev/null; do
        tries=$((tries + 1))
        if [ "$tries" -gt 600 ] || ! kill -0 "$app" 2>/dev/null; then
            echo "CHECK FAIL: the app validated the firmware within 60 s"
            cat /data/.box/app-boot2.out
            exit 1
        fi
        sleep 0.1
    done
    kill -TERM "$app"
    wait "$app"
    grep -i 'valid' /data/.box/app-boot2.out
    check "the app validated slot b" "grep -q 'Firmware in slot b validated after' /data/.box/app-boot2.out"
    check "the environment says so: upgrade_available=0, bootcount=0, nerves_fw_validated=1, b.nerves_fw_validated=1" \
        "[ \"\$(fw_printenv upgrade_available bootcount nerves_fw_validated b.nerves_fw_validated | tr '\n' ' ')\" = 'upgrade_available=0 bootcount=0 nerves_fw_validated=1 b.nerves_fw_validated=1 ' ]"
    [ "$failed" -eq 0 ] || exit 1
    reboot_now ;;
*)
    echo "=== boot $1 on slot $BOX_SLOT: the validated firmware stays"
    medulla fw status | tee /tmp/fw-status
    check "boot $1 still runs slot b, validated" "[ \"$BOX_SLOT\" = b ] && grep -qx 'active slot: b' /tmp/fw-status && grep -qx 'validation: validated' /tmp/fw-status"
    check_firmware_valid_at_start b "the app finds its firmware valid"
    exit $failed ;;
esac
