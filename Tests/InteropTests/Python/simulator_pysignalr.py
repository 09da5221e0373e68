#!/usr/bin/env python3
"""pysignalr 1.3.3 (PyPI, asyncio, websockets) against the gateway simulator's market hub.

    simulator_pysignalr.py --base http://127.0.0.1:PORT --contract CON.F.US.EP.U25 [--mode query|header]

pysignalr always negotiates (version 0) and its access_token_factory only sets the header after
the first negotiate, so the token is passed up front: --mode query puts it in the access_token
query parameter (as project-x-py does); --mode header sends Authorization: Bearer on negotiate and
on the upgrade.

Exit codes and the JSON summary are described in simulator_common.py.
"""

import asyncio
import logging
import sys

from simulator_common import (EXIT_UNUSABLE, MarketCollector, fail, finish, login, market_hub_url,
                              parse_arguments, unauthorized)

CLIENT = "pysignalr 1.3.3"

try:
    from pysignalr.client import SignalRClient
    from pysignalr.exceptions import AuthorizationError
    from websockets.exceptions import InvalidStatus
except ImportError as error:  # the venv lacks the library
    print('{"client": "%s", "problems": ["pysignalr is not installed: %s"]}' % (CLIENT, error), flush=True)
    sys.exit(EXIT_UNUSABLE)


async def run(args):
    token = args.token or login(args.base, args.user, args.api_key)
    collector = MarketCollector(args.contract)
    if args.mode == "query":
        client = SignalRClient(market_hub_url(args.base, token), retry_count=1)
    else:
        client = SignalRClient(args.base + "/hubs/market", headers={"Authorization": "Bearer " + token}, retry_count=1)

    def handler(target):
        async def on_event(arguments):
            collector.event(target, arguments)
        return on_event

    for target in ("GatewayQuote", "GatewayTrade", "GatewayDepth"):
        client.on(target, handler(target))

    def completion(method):
        async def on_completion(message):
            collector.completion(method, message.error)
        return on_completion

    async def on_error(message):
        collector.completion("hub", message.error)

    async def on_open():
        for method in ("SubscribeContractQuotes", "SubscribeContractTrades", "SubscribeContractMarketDepth"):
            await client.send(method, [args.contract], on_invocation=completion(method))

    client.on_error(on_error)
    client.on_open(on_open)
    task = asyncio.create_task(client.run())
    deadline = asyncio.get_running_loop().time() + args.timeout
    while not collector.done.is_set() and not task.done() and asyncio.get_running_loop().time() < deadline:
        await asyncio.sleep(0.05)
    if task.done():
        error = task.exception() if not task.cancelled() else None
        if isinstance(error, AuthorizationError):
            unauthorized(CLIENT, args.mode, "negotiate", "AuthorizationError (HTTP 401 at negotiate)")
        # pysignalr reports a refused upgrade as NegotiationFailure caused by websockets' InvalidStatus.
        refusal = error if isinstance(error, InvalidStatus) else getattr(error, "__cause__", None)
        if isinstance(refusal, InvalidStatus) and refusal.response.status_code == 401:
            unauthorized(CLIENT, args.mode, "upgrade", "%s: HTTP 401 at the WebSocket upgrade" % type(error).__name__)
        fail(CLIENT, args.mode, "the client stopped: %r (cause: %r)" % (error, getattr(error, "__cause__", None)))
    task.cancel()
    try:
        await task
    except asyncio.CancelledError:
        pass
    finish(collector.summary(CLIENT, args.mode))


def main():
    args = parse_arguments(__doc__, ["query", "header"])
    logging.basicConfig(level=logging.INFO if args.verbose else logging.ERROR, stream=sys.stderr)
    asyncio.run(run(args))


if __name__ == "__main__":
    main()
