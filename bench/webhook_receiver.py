#!/usr/bin/env python3
"""A minimal HTTP/1.1 keep-alive receiver for bench/webhooks.sh: answers 200 to every request and writes, each
second, how many it took so far (first and latest arrival, as unix seconds) to the file given."""
import asyncio
import sys
import time

port, stats_path = int(sys.argv[1]), sys.argv[2]
count, first, last = 0, None, None


async def serve(reader, writer):
    global count, first, last
    try:
        while True:
            head = await reader.readuntil(b"\r\n\r\n")
            length = 0
            for line in head.split(b"\r\n"):
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            if length:
                await reader.readexactly(length)
            now = time.time()
            first = first or now
            last = now
            count += 1
            writer.write(b"HTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\n")
            await writer.drain()
    except (asyncio.IncompleteReadError, ConnectionError):
        writer.close()


async def report():
    while True:
        await asyncio.sleep(1)
        with open(stats_path, "w") as f:
            f.write(f"{count} {first or 0} {last or 0}\n")


async def main():
    server = await asyncio.start_server(serve, "127.0.0.1", port, backlog=512)
    async with server:
        await asyncio.gather(server.serve_forever(), report())


asyncio.run(main())
