# System test 2: after a kernel panic, the next boot archives the dmesg record into the archive
# folder, and pstore is empty afterwards.
. /box/box.sh
case "$1" in
1)
    echo "box: panicking the kernel (the box restarts 5 s later: panic=5)"
    sync
    echo c > /proc/sysrq-trigger
    sleep 60 ;;
2)
    DeviceApp report || exit 10
    ls -lR /data/pstore
    check "a dmesg record was archived" "ls /data/pstore/*/dmesg-ramoops-* >/dev/null 2>&1"
    check "the archived dmesg record holds the panic" "grep -q 'sysrq triggered crash' /data/pstore/*/dmesg-ramoops-*"
    check "pstore is empty afterwards" "[ -z \"\$(ls /sys/fs/pstore)\" ]"
    exit $failed ;;
esac
