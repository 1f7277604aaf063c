#!/usr/bin/env python3
"""A minimal QMP client for box/host scripts: qmp.py SOCKET COMMAND [JSON-ARGUMENTS] [COMMAND [JSON] ...].

Connects to qemu's monitor socket, negotiates capabilities, runs each command in turn and prints each
reply on one line. The pseudo-command `await-event NAME [JSON-DATA]` does not go to qemu: it waits (at
most 60 s) for the event NAME whose data holds every key/value of JSON-DATA, e.g.
`device_del '{"id": "disk"}' await-event DEVICE_DELETED '{"device": "disk"}'`; events that came
earlier on this connection count. Exits 1 at the first command qemu answers with an error (naming the
command and qemu's message) or an event that did not come, 2 when the socket cannot be reached or the
arguments are not JSON objects.
"""
import json
import socket
import sys

EVENT_TIMEOUT_SECONDS = 60


def replies(sock):
    """Yields the JSON messages qemu sends, one per line."""
    buffer = b""
    while True:
        while b"\n" not in buffer:
            chunk = sock.recv(65536)
            if not chunk:
                raise ConnectionError("qemu closed the monitor socket")
            buffer += chunk
        line, buffer = buffer.split(b"\n", 1)
        if line.strip():
            yield json.loads(line)


def execute(sock, messages, events, command, arguments):
    request = {"execute": command}
    if arguments is not None:
        request["arguments"] = arguments
    sock.sendall(json.dumps(request).encode() + b"\n")
    for message in messages:
        # Asynchronous events (DEVICE_DELETED, ...) may come before the reply: print and keep them for
        # a later await-event.
        if "event" in message:
            print(json.dumps(message), flush=True)
            events.append(message)
            continue
        return message


def matches(message, name, data):
    got = message.get("data", {})
    return message.get("event") == name and all(got.get(k) == v for k, v in (data or {}).items())


def await_event(sock, messages, events, name, data):
    """Returns the first event NAME with DATA, kept or new; None when none came in time."""
    for message in events:
        if matches(message, name, data):
            events.remove(message)
            return message
    sock.settimeout(EVENT_TIMEOUT_SECONDS)
    try:
        for message in messages:
            print(json.dumps(message), flush=True)
            if matches(message, name, data):
                return message
    except socket.timeout:
        return None
    finally:
        sock.settimeout(None)


def main(argv):
    if len(argv) < 3:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    pending = argv[2:]
    commands = []
    while pending:
        command = pending.pop(0)
        event = None
        if command == "await-event":
            if not pending:
                print("qmp.py: await-event needs an event name", file=sys.stderr)
                return 2
            event = pending.pop(0)
        arguments = None
        if pending and pending[0].lstrip().startswith("{"):
            try:
                arguments = json.loads(pending.pop(0))
            except json.JSONDecodeError as e:
                print(f"qmp.py: the arguments of {command} are not JSON: {e}", file=sys.stderr)
                return 2
        commands.append((command, event, arguments))
    try:
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.connect(argv[1])
    except OSError as e:
        print(f"qmp.py: cannot connect to {argv[1]}: {e}", file=sys.stderr)
        return 2
    with sock:
        messages = replies(sock)
        next(messages)  # the greeting
        events = []
        execute(sock, messages, events, "qmp_capabilities", None)
        for command, event, arguments in commands:
            if event is not None:
                if await_event(sock, messages, events, event, arguments) is None:
                    print(f"qmp.py: no {event} event {json.dumps(arguments or {})} within {EVENT_TIMEOUT_SECONDS} s", file=sys.stderr)
                    return 1
                continue
            reply = execute(sock, messages, events, command, arguments)
            print(json.dumps({"command": command, **reply}), flush=True)
            if "error" in reply:
                print(f"qmp.py: {command} failed: {reply['error'].get('desc')}", file=sys.stderr)
                return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
