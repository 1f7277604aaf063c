#!/usr/bin/env bash
# The host's half of the disk-hotplug scenario, started by box/box beside qemu:
#   disk-hotplug.sh QMP_SOCKET CONSOLE_FILE WORK_DIR
# When the guest prints "BOX-HOST: hotplug add" it creates an 8 MiB image file in WORK_DIR and plugs it
# in through qemu's monitor as a virtio-blk-pci disk with serial "hotplug"; at "BOX-HOST: hotplug
# remove" it unplugs it (device_del) and waits for qemu's DEVICE_DELETED, which comes only once the
# guest's kernel has ejected the device (ACPI PCI hotplug), then drops the disk's block node. Progress
# goes to stderr as "box: host: ..." lines.
set -euo pipefail
qmp_socket="$1" console="$2" work="$3"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
say() { echo "box: host: $*" >&2; }

# Waits for a line the guest prints on the console (the console file grows as qemu runs; the scenario's
# own timeout bounds the wait, and box/box ends this script when qemu exits).
await_guest() {
    until grep -aq "^$1" "$console" 2>/dev/null; do
        sleep 0.2
    done
}

qmp() { python3 "$here/qmp.py" "$qmp_socket" "$@" >&2; }

await_guest "BOX-HOST: hotplug add"
truncate -s 8M "$work/hotplug.img"
qmp blockdev-add "{\"driver\": \"raw\", \"node-name\": \"hotplug0\", \"file\": {\"driver\": \"file\", \"filename\": \"$work/hotplug.img\"}}" \
    device_add '{"driver": "virtio-blk-pci", "id": "hotplug", "drive": "hotplug0", "serial": "hotplug"}'
say "device_add of hotplug.img (virtio-blk-pci, serial hotplug) done"

await_guest "BOX-HOST: hotplug remove"
# device_del only asks: qemu notifies the guest over ACPI and removes the device when the guest ejects it.
qmp device_del '{"id": "hotplug"}' await-event DEVICE_DELETED '{"device": "hotplug"}' blockdev-del '{"node-name": "hotplug0"}'
say "device_del of hotplug done: the guest ejected it (DEVICE_DELETED), its block node is gone"
