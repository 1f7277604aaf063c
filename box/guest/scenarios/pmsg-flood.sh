# System test 3: a flood of 100,000 events through the pmsg handler keeps the app responsive, and the
# next boot's pmsg record ends with the newest lines.
. /box/box.sh
case "$1" in
1)
    DeviceApp flood 100000 || exit 10
    reboot_now ;;
2)
    medulla pstore dump pmsg | tail -n +2 > /tmp/pmsg-all.txt || exit 11
    echo "pmsg record: $(wc -l < /tmp/pmsg-all.txt) lines; the last three:"
    tail -n 3 /tmp/pmsg-all.txt
    # The logging core's own overload summary (mode changes coalesced over 5 s) may come after the flood's
    # last event: it is about the flood, not part of it.
    grep -v ' Medulla.Logging: ' /tmp/pmsg-all.txt > /tmp/pmsg.txt
    check "the record ends with the flood's last line" "tail -n 1 /tmp/pmsg.txt | grep -q 'flood done: 100000 events'"
    check "the line before it is event 100000" "tail -n 2 /tmp/pmsg.txt | head -n 1 | grep -q 'flood event 100000 '"
    exit $failed ;;
esac
