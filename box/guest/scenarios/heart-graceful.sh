# A graceful stop of the app (SIGTERM: the host stops, the heart client sends SHUT_DOWN) causes no
# reboot. The heart leaves the hardware watchdog armed, as nerves_heart does, so after the app is gone
# the scenario disarms it with the magic close before waiting out the heartbeat timeout.
. /box/box.sh
start_app_with_heart || exit 10
kill -TERM "$app_pid"
wait "$app_pid"
echo "box: the app exited with status $?"
check "the heart is gone" "! pidof medulla-heart > /dev/null"
echo -n V > "$wd"
sleep 20
check "no reboot after the heartbeat timeout (still boot $1)" "[ \$(cat /data/.box/boot-count) -eq $1 ] && [ $1 -eq 1 ]"
exit $failed
