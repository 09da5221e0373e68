#!/usr/bin/env python3
"""signalrcore 1.0.2 (PyPI, synchronous, threaded) against the gateway simulator's market hub.

    simulator_signalrcore.py --base http://127.0.0.1:PORT --contract CON.F.US.EP.U25 [--mode negotiate|skip]

--mode negotiate: POST /hubs/market/negotiate?access_token=... (signalrcore asks for negotiate
version 0), then the WebSocket with id=<connectionId>. --mode skip: the WebSocket directly, as the
gateway's docs sample does. The token travels in the access_token query parameter only.

Exit codes and the JSON summary are described in simulator_common.py.
"""

import logging
import sys
import threading
import urllib.error

from simulator_common import (EXIT_UNUSABLE, MarketCollector, fail, finish, login, market_hub_url,
                              parse_arguments, unauthorized, wait_for)

CLIENT = "signalrcore 1.0.2"

try:
    from signalrcore.hub_connection_builder import HubConnectionBuilder
    from signalrcore.transport.sockets.errors import SocketHandshakeError
except ImportError as error:  # the venv lacks the library
    print('{"client": "%s", "problems": ["signalrcore is not installed: %s"]}' % (CLIENT, error), flush=True)
    sys.exit(EXIT_UNUSABLE)


def main():
    args = parse_arguments(__doc__, ["negotiate", "skip"])
    logging.basicConfig(level=logging.INFO if args.verbose else logging.ERROR, stream=sys.stderr)
    token = args.token or login(args.base, args.user, args.api_key)
    collector = MarketCollector(args.contract)
    hub = (HubConnectionBuilder()
           .with_url(market_hub_url(args.base, token), options={"skip_negotiation": args.mode == "skip"})
           .configure_logging(logging.DEBUG if args.verbose else logging.ERROR)
           .build())
    opened = threading.Event()
    hub.on_open(opened.set)
    hub.on_error(lambda message: collector.completion("hub", getattr(message, "error", message)))
    for target in ("GatewayQuote", "GatewayTrade", "GatewayDepth"):
        hub.on(target, lambda arguments, target=target: collector.event(target, arguments))

    try:
        hub.start()
    except urllib.error.HTTPError as error:
        if error.code == 401:
            unauthorized(CLIENT, args.mode, "negotiate", error)
        fail(CLIENT, args.mode, "negotiate failed with HTTP %d" % error.code)
    except SocketHandshakeError as error:
        if " 401 " in str(error).split("\r\n")[0] + " ":
            unauthorized(CLIENT, args.mode, "upgrade", str(error).split("\r\n")[0])
        fail(CLIENT, args.mode, "the WebSocket upgrade failed: %s" % str(error).split("\r\n")[0])

    if not wait_for(opened, 10):
        hub.stop()
        fail(CLIENT, args.mode, "the hub connection did not open (no handshake answer)")

    for method in ("SubscribeContractQuotes", "SubscribeContractTrades", "SubscribeContractMarketDepth"):
        hub.send(method, [args.contract], on_invocation=lambda message, method=method: collector.completion(method, None))

    wait_for(collector.done, args.timeout)
    hub.stop()
    finish(collector.summary(CLIENT, args.mode))


if __name__ == "__main__":
    main()
