# The demo app stopped with SIGSTOP stops beating; medulla-heart reboots the box within the heartbeat
# timeout (15 s in appsettings.Box.json) plus one pet interval (5 s for a 10 s watchdog timeout).
. /box/box.sh
case "$1" in
1)
    start_app_with_heart || exit 10
    echo "box: SIGSTOP to the app"
    date +%s > /data/.box/stopped-at
    kill -STOP "$app_pid"
    sync
    sleep 120
    echo "no reboot within 120 s"
    exit 11 ;;
2)
    medulla pstore dump pmsg > /tmp/pmsg.txt
    crumb=$(grep 'medulla-heart.*reboot' /tmp/pmsg.txt | tail -n 1)
    echo "$crumb"
    check "the heart left its breadcrumb in pmsg" "[ -n \"\$crumb\" ]"
    [ -n "$crumb" ] || exit 1
    # The breadcrumb's time is the reboot's, on the same guest clock as the SIGSTOP's time; the next
    # boot's own time would add the (slow, emulated) boot to the measurement.
    rebooted_at=$(date -u -d "$(echo "$crumb" | cut -c1-19 | tr T ' ')" +%s)
    elapsed=$((rebooted_at - $(cat /data/.box/stopped-at)))
    echo "from SIGSTOP to the reboot: $elapsed s (heartbeat timeout 15 s, pet interval 5 s)"
    check "rebooted within the heartbeat timeout plus one pet interval" "[ $elapsed -le 20 ]"
    # The last beat can be up to one beat interval (2 s) before the SIGSTOP, and times are whole seconds.
    check "not before the heartbeat timeout" "[ $elapsed -ge 12 ]"
    exit $failed ;;
esac
