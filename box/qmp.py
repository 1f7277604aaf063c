#!/usr/bin/env python3
"""A minimal QMP client for box/host scripts: qmp.py SOCKET COMMAND [JSON-ARGUMENTS] [COMMAND [JSON] ...].

Connects to qemu's monitor socket, negotiates capabilities, runs each command in turn and prints each
reply on one line. Exits 1 at the first command qemu answers with an error (naming the command and
qemu's message), 2 when the socket cannot be reached or the arguments are not JSON objects.
"""
import json
import socket
import sys


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


def execute(sock, messages, command, arguments):
    request = {"execute": command}
    if arguments is not None:
        request["arguments"] = arguments
    sock.sendall(json.dumps(request).encode() + b"\n")
    for message in messages:
        # Asynchronous events (DEVICE_DELETED, ...) may come before the reply: print and skip them.
        if "event" in message:
            print(json.dumps(message), flush=True)
            continue
        return message


def main(argv):
    if len(argv) < 3:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    pending = argv[2:]
    commands = []
    while pending:
        command = pending.pop(0)
        arguments = None
        if pending and pending[0].lstrip().startswith("{"):
            try:
                arguments = json.loads(pending.pop(0))
            except json.JSONDecodeError as e:
                print(f"qmp.py: the arguments of {command} are not JSON: {e}", file=sys.stderr)
                return 2
        commands.append((command, arguments))
    try:
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.connect(argv[1])
    except OSError as e:
        print(f"qmp.py: cannot connect to {argv[1]}: {e}", file=sys.stderr)
        return 2
    with sock:
        messages = replies(sock)
        next(messages)  # the greeting
        execute(sock, messages, "qmp_capabilities", None)
        for command, arguments in commands:
            reply = execute(sock, messages, command, arguments)
            print(json.dumps({"command": command, **reply}), flush=True)
            if "error" in reply:
                print(f"qmp.py: {command} failed: {reply['error'].get('desc')}", file=sys.stderr)
                return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
