# PID 1 of a test's own PID namespace for erl -heart: runs erl (the arguments), then, like a real init,
# stays while medulla-heart (erl's child, now ours) still runs, so that whatever the heart does after
# the VM died (reboot(2) kills this init: unshare reports SIGHUP) is not cut short by this shell exiting.
# A namespace's init ignores SIGKILL from inside; being a shell instead of erl lets the heart kill erl.
[ "$$" = 1 ] || { echo "ns-init: not PID 1 of a new PID namespace; refusing to start erl" >&2; exit 99; }
"$@" </dev/null &
wait $!
status=$?
echo "ns-init: erl exited with status $status" >&2
# pgrep sees only this namespace (its /proc is the namespace's own mount).
while pgrep -x medulla-heart >/dev/null; do
    sleep 0.1
done
exit "$status"
