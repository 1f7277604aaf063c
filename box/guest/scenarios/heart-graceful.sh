# A graceful stop of the app (SIGTERM: the host stops, the heart client sends SHUT_DOWN) causes no
# reboot: the heart exits and disarms the i6300esb with the magic close, so nothing fires after the
# heartbeat timeout (15 s) or the watchdog timeout (10 s).
. /box/box.sh
start_app_with_heart || exit 10
kill -TERM "$app_pid"
wait "$app_pid"
echo "box: the app exited with status $?"
check "the heart is gone" "! pidof medulla-heart > /dev/null"
check "the heart disarmed the watchdog (no 'watchdog did not stop' from the kernel)" "! dmesg | grep -q 'watchdog did not stop'"
sleep 25
check "no reboot after the heartbeat and watchdog timeouts (still boot $1)" "[ \"\$(box_record_read boot)\" = 1 ] && [ $1 -eq 1 ]"
exit $failed
