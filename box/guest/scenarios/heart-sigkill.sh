# medulla-heart killed with SIGKILL stops petting the i6300esb, which resets the box; the next boot's
# heart reports last_boot=watchdog.
. /box/box.sh
case "$1" in
1)
    start_app_with_heart || exit 10
    heart_pid=$(pidof medulla-heart)
    echo "box: SIGKILL to medulla-heart ($heart_pid)"
    kill -KILL $heart_pid
    sleep 120
    echo "no watchdog reset within 120 s"
    exit 11 ;;
2)
    start_app_with_heart || exit 10
    last_boot=$(medulla heart status wdt_last_boot)
    echo "wdt_last_boot=$last_boot"
    check "the heart reports last_boot=watchdog" "[ '$last_boot' = watchdog ]"
    kill -TERM "$app_pid"; wait "$app_pid"
    exit $failed ;;
esac
