# System test 1: lines written by the pmsg handler in boot 1 are read back in boot 2 after a warm
# reboot, byte for byte apart from the ECC line. The app's "pmsg-mirror" file handler gets exactly
# the events the pmsg handler gets, with the same formatter, so its file is the expected content.
. /box/box.sh
case "$1" in
1)
    DeviceApp pmsg-lines 300 || exit 10
    reboot_now ;;
2)
    medulla pstore list
    # Read before the app starts: the app archives (and so removes) the records at start.
    medulla pstore dump pmsg > /tmp/dump.txt || exit 11
    head -n 1 /tmp/dump.txt
    # The dump puts a "==> pmsg-ramoops-0 <==" line before the record's text.
    check "one pmsg record" "[ \$(grep -c '^==> ' /tmp/dump.txt) -eq 1 ]"
    tail -n +2 /tmp/dump.txt > /tmp/pmsg.txt
    mirror=/data/logs/pmsg-mirror.log
    echo "pmsg record: $(wc -c < /tmp/pmsg.txt) bytes, mirror: $(wc -c < $mirror) bytes"
    check "mirror has the 300 lines" "[ \$(grep -c 'pmsg line' $mirror) -eq 300 ]"
    check "pmsg record equals the mirror byte for byte" "cmp /tmp/pmsg.txt $mirror"
    check "raw record ends with the ECC line" "tail -n 1 /sys/fs/pstore/pmsg-ramoops-0 | grep -q '^ECC: '"
    exit $failed ;;
esac
