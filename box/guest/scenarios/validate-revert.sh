# New firmware that fails its health check is reverted by the bootloader. Boot 1 (slot a) installs firmware
# in slot b, unvalidated; on slot b the app's assisted validation waits for its health check (tagged
# medulla-validation), which fails because the firmware requires a path the device lacks, so after
# Medulla:Validation:Timeout it reboots through the power path; U-Boot's bootcount (the box's init) counts
# those boots and past bootlimit (3) boots slot a again, where `medulla fw status` shows what happened.
. /box/box.sh
log() { echo "/data/.box/app-boot$1.out"; }
case "$1" in
1)
    echo "=== boot 1 on slot $BOX_SLOT: install firmware in slot b that needs /dev/sensor0, then reboot"
    check "boot 1 runs slot a, validated" "[ \"$BOX_SLOT\" = a ] && medulla fw status | grep -qx 'validation: validated'"
    [ "$failed" -eq 0 ] || exit 1
    install_slot_b /dev/sensor0 || exit 1
    reboot_now ;;
2|3|4)
    echo "=== boot $1 on slot $BOX_SLOT: the app waits for its health check, which fails"
    [ "$BOX_SLOT" = b ] || { echo "CHECK FAIL: boot $1 runs slot b (it runs $BOX_SLOT)"; exit 1; }
    medulla fw status | head -n 2
    run_slot_app run 2>&1 | tee "$(log "$1")"
    echo "CHECK FAIL: the app rebooted the device when the firmware was not validated in time"
    exit 1 ;;
*)
    echo "=== boot $1 on slot $BOX_SLOT: the bootloader fell back"
    medulla fw status | tee /tmp/fw-status
    check "boot $1 runs slot a again" "[ \"$BOX_SLOT\" = a ] && grep -qx 'active slot: a' /tmp/fw-status"
    check "the bootloader fell back past the limit: boot count 4 of limit 3" "grep -q '^boot count: 4, past the limit 3' /tmp/fw-status"
    check "slot a's firmware is validated" "grep -qx 'validation: validated' /tmp/fw-status"
    check "slot b keeps its firmware metadata (version 0.2.0)" "sed -n '/^slot b/,\$p' /tmp/fw-status | grep -q 'version: 0.2.0'"
    for b in 2 3 4; do
        check "boot $b's app waited, did not validate and rebooted" \
            "grep -q 'Firmware in slot b is unvalidated' $(log $b) && grep -q 'not validated: the health checks did not pass' $(log $b) && ! grep -q 'validated after' $(log $b)"
    done
    check "the boots on slot b ended in reboots asked of init" "echo \"\$BOX_LAST_BOOT_END\" | grep -q '^reboot by SIGTERM'"
    check_firmware_valid_at_start a "the app on slot a finds its firmware valid"
    exit $failed ;;
esac
