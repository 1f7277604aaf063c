#!/bin/sh
# One boot. The demo app runs with Medulla.Devices and Medulla.SystemLog (on in appsettings.Box.json) beside
# `medulla uevent monitor --json`; the host plugs a disk in through qemu's monitor (box/host/disk-hotplug.sh,
# QMP device_add of a virtio-blk-pci disk with serial "hotplug") and pulls it out again (device_del, which
# the kernel's ACPI PCI hotplug answers by ejecting the device). Both the monitor and the app's log must
# show the disk's add and its remove, the app's device table must list it in between, and the app's log
# must hold the kernel's boot messages with their levels and a syslog message sent to /dev/log.
. /box/box.sh

# Polls until the condition holds (a shell has no uevent wait); 0 when it did within $2 tenths of a second.
await() {
    tries=0
    until eval "$1"; do
        tries=$((tries + 1))
        [ "$tries" -gt "$2" ] && return 1
        sleep 0.1
    done
}

# qemu tells the guest of a device_add and a device_del over ACPI; the kernel's ACPI PCI hotplug driver
# scans the new function in, and ejects it on request (only then does qemu remove it).
check "the kernel has ACPI PCI hotplug (CONFIG_HOTPLUG_PCI_ACPI=y)" "zcat /proc/config.gz | grep -qx 'CONFIG_HOTPLUG_PCI_ACPI=y'"

# The conditions the checks wait for, as functions (a check's condition is eval'd).
app_logged() { grep -q "$1" /data/.box/app.out; }
last_table_is() { grep 'Disks in the device table' /data/.box/app.out | tail -n 1 | grep -q "table: $1\$"; }
uevent_seen() { grep -E "\"ACTION\": *\"$1\"" /tmp/uevents.jsonl | grep -Eq "\"DEVNAME\": *\"$2\""; }
vdc_is_hotplug() { [ "$(cat /sys/block/vdc/serial 2>/dev/null)" = hotplug ]; }
vdc_gone() { [ ! -e /sys/block/vdc ]; }
pci_gone() { [ ! -e "$pci" ]; }

DeviceApp run > /data/.box/app.out 2>&1 &
app_pid=$!
medulla uevent monitor --subsystem block --json > /tmp/uevents.jsonl 2> /tmp/uevents.err &
monitor_pid=$!

check "the app listed the disks of its device table at start" "await 'last_table_is \"vda vdb\"' 1200"
# The monitor says on stderr once it listens: every uevent from then on is in its output.
check "medulla uevent monitor listens" "await 'grep -q listening /tmp/uevents.err' 1200"

echo "BOX-HOST: hotplug add"
check "the hot-plugged disk appeared (vdc, serial hotplug)" "await vdc_is_hotplug 600"
# /sys/block/vdc/device is the virtio device; its parent is the PCI function qemu plugged in.
pci="$(readlink -f /sys/block/vdc/device/..)"
echo "box: vdc is on PCI function ${pci##*/}"
check "medulla uevent monitor --json showed its add" "await 'uevent_seen add vdc' 300"
check "the app logged the disk added" "await 'app_logged \"Disk added: vdc\"' 300"
check "the app's device table then held vdc" "await 'last_table_is \"vda vdb vdc\"' 300"

echo "BOX-HOST: hotplug remove"
check "the disk is gone" "await vdc_gone 600"
check "its PCI function left the bus (the kernel ejected it)" "await pci_gone 300"
check "medulla uevent monitor --json showed its remove" "await 'uevent_seen remove vdc' 300"
check "the app logged the disk removed" "await 'app_logged \"Disk removed: vdc\"' 300"
check "the app's device table no longer held vdc" "await 'last_table_is \"vda vdb\"' 300"

# /dev/log is served by the app: a message from busybox logger lands in its log with its level.
logger -t boxtest -p daemon.warning "hello from logger"
check "a syslog message sent to /dev/log is in the app's log as a warning" \
    "await 'grep -qi \"warn[a-z]* boxtest: hello from logger\" /data/.box/app.out' 300"
# The kernel's boot messages, read from /dev/kmsg from the start of the ring, with their levels.
check "the app's log holds the kernel's boot banner at notice level" "grep -qi 'notice kernel: Linux version' /data/.box/app.out"
kernel_levels() { grep -o '[A-Za-z]* kernel: ' /data/.box/app.out | cut -d' ' -f1 | sort -u; }
check "the app's log holds kernel messages of more than one level: $(kernel_levels | tr '\n' ' ')" \
    "[ \$(kernel_levels | wc -l) -ge 2 ]"

echo "----- medulla uevent monitor --subsystem block --json -----"
grep -v '"vda"' /tmp/uevents.jsonl
cat /tmp/uevents.err
echo "----- the app's log: disks, the first kernel messages, syslog -----"
grep -E 'Disk|boxtest' /data/.box/app.out
grep ' kernel: ' /data/.box/app.out | head -n 8
echo "----- end -----"

kill "$monitor_pid" "$app_pid" 2>/dev/null
wait "$app_pid" 2>/dev/null
exit $failed
