#!/bin/sh
# A stand-in for medulla-heart that HeartClient can start: runs the real daemon
# ($MEDULLA_HEART_TEST_DAEMON) under ns-init.sh in a new PID namespace, so that whatever the test does,
# reboot(2) and signals to PID 1 stay inside it. Arguments go to the daemon (its -pid is replaced).
here=$(dirname "$0")
[ -n "$MEDULLA_HEART_TEST_DAEMON" ] || { echo "heart-in-namespace: MEDULLA_HEART_TEST_DAEMON is not set" >&2; exit 98; }
exec unshare --pid --fork --mount-proc --kill-child sh "$here/ns-init.sh" "$MEDULLA_HEART_TEST_DAEMON" "$@"
