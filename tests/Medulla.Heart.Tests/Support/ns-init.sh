# PID 1 of a test's own PID namespace (unshare --pid --fork --mount-proc --kill-child sh ns-init.sh ...).
# Starts an app stand-in and medulla-heart, and turns the signals that guarded commands send to PID 1
# into an exit status (SIGTERM 143, SIGUSR1 138, SIGUSR2 140) and an "ns-init: SIG..." line on stderr.
# reboot(2) called by the heart kills this init instead of the machine: unshare then reports SIGHUP
# (restart) or SIGINT (power-off, halt). With NS_INIT_OUTLIVE_SIGNALS=1 those signals are only reported
# and init waits on for the heart, as a real init does while its shutdown runs.
#
# Usage: ns-init.sh HEART [ARGS...]. Any "-pid N" in ARGS is dropped: the heart gets the stand-in's pid,
# since a pid from outside means nothing (or someone else) in here.
[ "$$" = 1 ] || { echo "ns-init: not PID 1 of a new PID namespace; refusing to start the heart" >&2; exit 99; }
signalled() {
    echo "ns-init: $1" >&2
    [ "${NS_INIT_OUTLIVE_SIGNALS:-}" = 1 ] || exit "$2"
}
trap 'signalled SIGTERM 143' TERM
trap 'signalled SIGUSR1 138' USR1
trap 'signalled SIGUSR2 140' USR2

heart=$1
shift
count=$#
while [ "$count" -gt 0 ]; do
    arg=$1
    shift
    count=$((count - 1))
    if [ "$arg" = -pid ] && [ "$count" -gt 0 ]; then
        shift
        count=$((count - 1))
        continue
    fi
    set -- "$@" "$arg"
done

# The app stand-in reports the catchable kill signals; SIGKILL shows in the heart's log.
sh -c 'trap "echo app: SIGABRT >&2; exit 134" ABRT; trap "echo app: SIGTERM >&2; exit 143" TERM
       echo "app: started" >&2; while :; do sleep 3600 & wait $!; done' </dev/null >&2 &
app=$!

# The heart gets the test's pipes; init and the stand-in keep neither, so the test sees end of file
# exactly when the heart's end closes.
exec 3<&0 4>&1
"$heart" -pid "$app" "$@" <&3 >&4 3<&- 4>&- &
heart_pid=$!
exec 3<&- 4>&- </dev/null >&2
wait "$heart_pid"
status=$?
# A trapped signal ends a wait early: wait again while the heart runs.
while kill -0 "$heart_pid" 2>/dev/null; do
    wait "$heart_pid"
    status=$?
done
echo "ns-init: heart exited with status $status" >&2
exit "$status"
