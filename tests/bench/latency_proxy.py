#!/usr/bin/env python3
"""A TCP proxy on loopback that adds a fixed one-way delay, in both
directions, to every byte it forwards, and models the TCP handshake.

  latency_proxy.py --delay-ms D LISTEN_PORT=UPSTREAM_HOST:PORT ...

Every listener is on 127.0.0.1. With a one-way delay d (round trip 2d):
  - bytes from the client reach the upstream d after the proxy read them,
    and no earlier than 3d after the connection was accepted (a real client
    spends one round trip in the handshake before it can send, and its first
    bytes then need d to arrive);
  - bytes from the upstream reach the client d after the proxy read them;
  - a close is forwarded after the bytes before it, with the same delay.
Order is kept per direction. Prints "ready" on stdout when listening; on
SIGUSR1 prints "connections PORT=N ..." (connections accepted per listener
since the last report) on stdout; exits on SIGTERM.
Loopback only: the upstreams must be 127.0.0.0/8 addresses."""

import argparse
import asyncio
import os
import signal
import socket
import sys

COUNTS = {}  # listen port -> connections accepted
TASKS = set()  # strong references to running tasks


def spawn(coro):
    task = asyncio.ensure_future(coro)
    TASKS.add(task)
    task.add_done_callback(TASKS.discard)
    return task


async def pump(reader, writer, delay, not_before):
    """Copies reader to writer, each chunk delivered `delay` after it was read
    and not before the loop time `not_before`."""
    loop = asyncio.get_running_loop()
    queue = asyncio.Queue()

    async def deliver():
        while True:
            at, data = await queue.get()
            wait = at - loop.time()
            if wait > 0:
                await asyncio.sleep(wait)
            if data is None:
                try:
                    if writer.can_write_eof():
                        writer.write_eof()
                    else:
                        writer.close()
                except OSError:
                    pass
                return
            try:
                writer.write(data)
                await writer.drain()
            except (OSError, ConnectionError):
                return

    task = spawn(deliver())
    try:
        while True:
            try:
                data = await reader.read(65536)
            except (OSError, ConnectionError):
                data = b""
            at = max(loop.time() + delay, not_before)
            queue.put_nowait((at, data or None))
            if not data:
                break
        await task
    finally:
        task.cancel()


async def handle(client_reader, client_writer, listen, upstream, delay):
    COUNTS[listen] += 1
    loop = asyncio.get_running_loop()
    accepted = loop.time()
    host, port = upstream
    try:
        up_reader, up_writer = await asyncio.open_connection(host, port)
    except OSError:
        client_writer.close()
        return
    for w in (client_writer, up_writer):
        sock = w.get_extra_info("socket")
        if sock is not None:
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    await asyncio.gather(
        pump(client_reader, up_writer, delay, accepted + 3 * delay),
        pump(up_reader, client_writer, delay, 0.0),
        return_exceptions=True)
    for w in (client_writer, up_writer):
        try:
            w.close()
        except OSError:
            pass


def report():
    """SIGUSR1: prints the connections accepted so far, per listener, and
    starts counting from zero."""
    print("connections " + " ".join(f"{p}={n}" for p, n in COUNTS.items()), flush=True)
    for p in COUNTS:
        COUNTS[p] = 0


async def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--delay-ms", type=float, required=True)
    parser.add_argument("routes", nargs="+", help="LISTEN_PORT=HOST:PORT")
    args = parser.parse_args()
    delay = args.delay_ms / 1000.0
    servers = []
    for route in args.routes:
        listen, target = route.split("=")
        host, port = target.rsplit(":", 1)
        if not host.startswith("127."):
            sys.exit("latency_proxy: upstreams must be on loopback")
        up = (host, int(port))
        COUNTS[int(listen)] = 0
        server = await asyncio.start_server(
            lambda r, w, up=up, port=int(listen): spawn(handle(r, w, port, up, delay)),
            "127.0.0.1", int(listen),
            reuse_address=True, backlog=1024)
        servers.append(server)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    loop.add_signal_handler(signal.SIGTERM, stop.set)
    loop.add_signal_handler(signal.SIGINT, stop.set)
    loop.add_signal_handler(signal.SIGUSR1, report)
    print("ready", flush=True)
    await stop.wait()
    # Open connections die with the process; nothing to flush.
    sys.stdout.flush()
    os._exit(0)


if __name__ == "__main__":
    asyncio.run(main())
