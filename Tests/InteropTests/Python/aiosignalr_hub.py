"""An independent SignalR hub for the Swift client's interop tests, built on aiosignalr.

Serves the hub at /hub on 127.0.0.1 (port chosen by the OS) and prints one line
``PORT=<n>`` on stdout once it listens. aiosignalr has no authentication hook, so an aiohttp
middleware checks the token (``Authorization: Bearer`` or the ``access_token`` query parameter):

* no token or a token starting with ``bad``  -> 401 at negotiate and at the WebSocket upgrade;
* a token starting with ``upgrade-bad``       -> accepted at negotiate, 401 at the upgrade;
* anything else                               -> accepted.

``--no-auth`` accepts every request. The hub methods:

* ``Echo(value) -> value``; ``Add(a, b) -> a + b``; ``Fail()`` fails with "boom";
* ``Push(event, count)`` sends ``count`` events ``event(i, {"n": i})`` to the caller, then returns;
* ``Counter(count, delayMs)`` streams 0..count-1; ``Forever()`` streams until cancelled and
  records the cancellation, which ``WasCancelled()`` reports;
* ``AskClient(value)`` invokes the client method ``GetValue(value)`` and returns its result;
* ``Large(size)`` returns a string of ``size`` characters;
* ``WhoAmI()`` returns the token the connection was opened with (header first), ``QueryToken()``
  the ``access_token`` query parameter;
* ``Hang()`` never returns;
* faults: ``Drop()`` aborts the TCP connection without a close frame; ``CloseMe(error,
  allowReconnect)`` sends a Close message and closes; ``Silence()`` stops the server's pings;
  ``Batch(count)`` sends ``count`` ``Batched(i)`` events in one WebSocket frame; ``Split(text)``
  sends one ``Split(text)`` event cut into three frames.

Extra HTTP routes: ``POST /admin/refuse-upgrades?count=N`` answers the next N WebSocket upgrades
with 401; ``/redirect/negotiate`` redirects to /hub with ``accessToken`` "redirect-token";
``/loop/negotiate`` redirects to itself forever; ``/refused/negotiate`` answers
``{"error": "This connection is not allowed."}``; ``/old/negotiate`` answers like an old ASP.NET
SignalR server; ``/hub/negotiate?v0=1`` answers with negotiate version 0 (no connectionToken).
``CloseSocket(code, reason)`` closes the WebSocket with that close code.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from typing import Any

from aiohttp import web

from aiosignalr.errors import HubException
from aiosignalr.messages import CloseMessage
from aiosignalr.server import Hub, ServerOptions, SignalRServer

CANCELLED: list[bool] = [False]
REFUSE_UPGRADES: list[int] = [0]
SERVER: list[SignalRServer] = []


def connection_of(hub: Hub):
    return SERVER[0].get_connection(hub.context.connection_id)


def token_of(request: web.Request) -> str | None:
    header = request.headers.get("Authorization", "")
    if header.lower().startswith("bearer "):
        return header[7:]
    return request.query.get("access_token")


class TestHub(Hub):
    async def echo(self, value: Any) -> Any:
        return value

    async def add(self, a: int, b: int) -> int:
        return a + b

    async def fail(self) -> Any:
        raise HubException("boom")

    async def push(self, event: str, count: int) -> None:
        for i in range(count):
            await self.clients.caller.send(event, i, {"n": i})

    async def counter(self, count: int, delay_ms: int):
        for i in range(count):
            if delay_ms:
                await asyncio.sleep(delay_ms / 1000)
            yield i

    async def forever(self):
        CANCELLED[0] = False
        i = 0
        try:
            while True:
                yield i
                i += 1
                await asyncio.sleep(0.01)
        except (asyncio.CancelledError, GeneratorExit):
            CANCELLED[0] = True
            raise

    async def wascancelled(self) -> bool:
        return CANCELLED[0]

    async def askclient(self, value: Any) -> Any:
        return await self.clients.caller.invoke("GetValue", value)

    async def large(self, size: int) -> str:
        return "x" * size

    async def whoami(self) -> Any:
        headers = self.context.http_headers
        auth = headers.get("authorization", "")
        if auth.lower().startswith("bearer "):
            return auth[7:]
        return self.context.query_string.get("access_token")

    async def closesocket(self, code: int, reason: str) -> None:
        await self.close(code, reason)

    async def querytoken(self) -> Any:
        return self.context.query_string.get("access_token")

    async def hang(self) -> Any:
        await asyncio.sleep(3600)
        return None

    async def drop(self) -> None:
        ctx = connection_of(self)
        socket = ctx._transport._socket  # noqa: SLF001 - test-only reach into aiosignalr/aiohttp
        socket._ws._req.transport.abort()  # noqa: SLF001

    async def closeme(self, error: str | None, allow_reconnect: bool) -> None:
        ctx = connection_of(self)
        await ctx.send(CloseMessage(error=error, allow_reconnect=allow_reconnect))
        await ctx.abort()

    async def silence(self) -> None:
        ctx = connection_of(self)
        ctx._has_inherent_keepalive = True  # noqa: SLF001 - stops the keep-alive loop

    async def batch(self, count: int) -> None:
        ctx = connection_of(self)
        payload = b"".join(b'{"type":1,"target":"Batched","arguments":[%d]}\x1e' % i for i in range(count))
        await ctx.send_bytes(payload)

    async def split(self, text: str) -> None:
        ctx = connection_of(self)
        payload = ('{"type":1,"target":"Split","arguments":["%s"]}\x1e' % text).encode()
        third = len(payload) // 3
        for chunk in (payload[:third], payload[third : 2 * third], payload[2 * third :]):
            await ctx.send_bytes(chunk)
            await asyncio.sleep(0.01)


async def refuse_upgrades(request: web.Request) -> web.Response:
    REFUSE_UPGRADES[0] = int(request.query.get("count", "1"))
    return web.Response(text="ok")


def make_special_routes(port_box: list[int]):
    async def redirect(request: web.Request) -> web.Response:
        return web.json_response({"url": f"http://127.0.0.1:{port_box[0]}/hub", "accessToken": "redirect-token"})

    async def loop(request: web.Request) -> web.Response:
        return web.json_response({"url": f"http://127.0.0.1:{port_box[0]}/loop"})

    async def refused(request: web.Request) -> web.Response:
        return web.json_response({"error": "This connection is not allowed."})

    async def old_server(request: web.Request) -> web.Response:
        return web.json_response({"Url": "/signalr", "ConnectionToken": "x", "ProtocolVersion": "1.5"})

    return [
        web.post("/admin/refuse-upgrades", refuse_upgrades),
        web.post("/redirect/negotiate", redirect),
        web.post("/loop/negotiate", loop),
        web.post("/refused/negotiate", refused),
        web.post("/old/negotiate", old_server),
    ]


def make_auth_middleware(enabled: bool):
    @web.middleware
    async def auth(request: web.Request, handler):
        is_upgrade = request.headers.get("Upgrade", "").lower() == "websocket"
        if request.path == "/hub/negotiate" and request.query.get("v0") == "1":
            # An old (version 0) negotiate answer: no connectionToken; the id is the connectionId.
            record = await SERVER[0]._new_record(version=0)  # noqa: SLF001
            transports = [{"transport": "WebSockets", "transferFormats": ["Text", "Binary"]}]
            return web.json_response({"connectionId": record.connection_id, "availableTransports": transports})
        if is_upgrade and REFUSE_UPGRADES[0] > 0:
            REFUSE_UPGRADES[0] -= 1
            return web.Response(status=401, text="upgrade refused")
        if not enabled or not request.path.startswith("/hub"):
            return await handler(request)
        token = token_of(request)
        if token is None or token.startswith("bad") or (is_upgrade and token.startswith("upgrade-bad")):
            return web.Response(status=401, text="invalid token")
        return await handler(request)

    return auth


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--no-auth", action="store_true")
    parser.add_argument("--keep-alive", type=float, default=1.0)
    parser.add_argument("--client-timeout", type=float, default=30.0)
    args = parser.parse_args()

    # Short server keep-alive so that the client sees server pings in tests.
    server = SignalRServer(
        TestHub,
        options=ServerOptions(
            keep_alive_interval=args.keep_alive,
            client_timeout_interval=args.client_timeout,
            maximum_receive_message_size=4 << 20,
            maximum_parallel_invocations=16,
        ),
    )
    SERVER.append(server)
    port_box = [0]
    app = server.create_application(path="/hub")
    app.middlewares.append(make_auth_middleware(not args.no_auth))
    app.router.add_routes(make_special_routes(port_box))
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # noqa: SLF001
    port_box[0] = port
    print(f"PORT={port}", flush=True)
    # Exit when the parent closes our stdin (the test process ended).
    loop = asyncio.get_running_loop()
    reader = asyncio.StreamReader()
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin)
    await reader.read()
    await runner.cleanup()


if __name__ == "__main__":
    asyncio.run(main())
