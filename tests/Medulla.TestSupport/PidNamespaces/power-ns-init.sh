# PID 1 of a test's own PID namespace, for the power tests:
#   unshare --pid --fork --mount-proc --kill-child [busybox] sh power-ns-init.sh PROGRAM [ARGS...]
# (or a copy of this file named erlinit, run directly, so that /proc/1/comm says "erlinit").
# Mounts a private tmpfs on /run (the mount namespace is unshare's own, private), starts PROGRAM, and
# turns the power signals into an "init: SIG... param=TEXT" line on stderr (TEXT: /run/reboot-param)
# and an exit status: SIGTERM 143, SIGUSR1 138, SIGUSR2 140. With POWER_INIT_OUTLIVE=1 the signals are
# only reported and init waits on, as a real init whose shutdown hangs: then only reboot(2) ends it, and
# unshare reports 129 (restart) or 130 (power-off, halt). When PROGRAM exits, init exits with its status.
[ "$$" = 1 ] || { echo "init: not PID 1 of a new PID namespace; refusing to start" >&2; exit 99; }
mount -t tmpfs -o size=1m,mode=0755 medulla-test-run /run || { echo "init: cannot mount a tmpfs on /run" >&2; exit 98; }
signalled() {
    echo "init: $1 param=$(cat /run/reboot-param 2>/dev/null)" >&2
    [ "${POWER_INIT_OUTLIVE:-}" = 1 ] || exit "$2"
    interrupted=1
}
trap 'signalled SIGTERM 143' TERM
trap 'signalled SIGUSR1 138' USR1
trap 'signalled SIGUSR2 140' USR2

"$@" </dev/null &
program=$!
# A trapped signal ends a wait early (status 128 + its number): wait again, which gives the program's
# own status once it ends, even when it ended meanwhile. 127 means the earlier wait already had it (the
# signal came just before that wait, not during it).
status=
while :; do
    interrupted=
    wait "$program"
    result=$?
    [ "$result" = 127 ] && [ -n "$status" ] || status=$result
    [ -n "$interrupted" ] || break
done
echo "init: $1 exited with status $status" >&2
exit "$status"
