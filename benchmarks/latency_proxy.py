"""A TCP proxy on 127.0.0.1 that adds latency: a database server on this machine made to
look as far away as one across a network.

    python benchmarks/latency_proxy.py --to 127.0.0.1:5433 --delay-ms 10   # each way

Every chunk of bytes is held ``delay`` seconds before it is passed on, in each direction
(10 ms each way is a 20 ms round trip); chunks keep their order and do not wait for one
another, so a batch of statements sent at once costs one round trip, as over a real
network. ``bench_server_save.py`` starts it as a process of its own, as a network would
be: in the benchmark's process it would take the saving thread's turns.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib


class LatencyProxy:
    """Listens on 127.0.0.1 and forwards to ``target``, ``delay_s`` later each way."""

    def __init__(self, target_host: str, target_port: int, delay_s: float) -> None:
        self.target = (target_host, target_port)
        self.delay = delay_s

    async def serve_forever(self, port: int) -> None:
        server = await asyncio.start_server(self._client, "127.0.0.1", port)
        async with server:
            await server.serve_forever()

    async def _client(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter):
        try:
            up_reader, up_writer = await asyncio.open_connection(*self.target)
        except OSError:
            writer.close()
            return
        await asyncio.gather(self._pump(reader, up_writer), self._pump(up_reader, writer))

    async def _pump(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter):
        loop = asyncio.get_running_loop()
        queue: asyncio.Queue[tuple[float, bytes]] = asyncio.Queue()

        async def deliver() -> None:
            while True:
                due, data = await queue.get()
                if not data:
                    break
                wait = due - loop.time()
                if wait > 0:
                    await asyncio.sleep(wait)
                writer.write(data)
                await writer.drain()
            writer.close()

        delivering = asyncio.create_task(deliver())
        with contextlib.suppress(ConnectionError):
            while data := await reader.read(65536):
                queue.put_nowait((loop.time() + self.delay, data))
        queue.put_nowait((loop.time() + self.delay, b""))
        with contextlib.suppress(ConnectionError):
            await delivering


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--to", default="127.0.0.1:5432", help="HOST:PORT of the server")
    parser.add_argument("--port", type=int, default=6543, help="port to listen on")
    parser.add_argument("--delay-ms", type=float, default=10, help="added each way")
    args = parser.parse_args()
    host, port = args.to.rsplit(":", 1)
    proxy = LatencyProxy(host, int(port), args.delay_ms / 1000)
    print(f"127.0.0.1:{args.port} → {args.to}, {args.delay_ms:g} ms each way", flush=True)
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(proxy.serve_forever(args.port))


if __name__ == "__main__":
    main()
