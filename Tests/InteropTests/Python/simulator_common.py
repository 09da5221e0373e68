"""Shared pieces of the simulator interop scripts (simulator_signalrcore.py, simulator_pysignalr.py).

Each script logs in to the gateway simulator over REST with urllib (or takes --token), connects an
independent SignalR client from PyPI to /hubs/market, subscribes to a contract's quotes, trades
and depth, checks the shapes the ProjectX reference prescribes, prints ONE JSON summary line on
stdout and exits:

    0  every kind of event arrived (the summary says what was seen)
    1  something was missing or wrong (the summary's "problems" says what)
    2  the script could not run (bad arguments, library missing)
    3  the server refused the token with HTTP 401 (the summary says at which phase)

Tokens are never printed.
"""

import argparse
import json
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_UNUSABLE = 2
EXIT_UNAUTHORIZED = 3


def parse_arguments(description, modes):
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--base", required=True, help="simulator root, e.g. http://127.0.0.1:5000")
    parser.add_argument("--contract", required=True, help="full contract id, e.g. CON.F.US.EP.U25")
    parser.add_argument("--user", default="simtrader")
    parser.add_argument("--api-key", default="sim-api-key")
    parser.add_argument("--token", help="use this token instead of logging in (to test refusals)")
    parser.add_argument("--mode", choices=modes, default=modes[0])
    parser.add_argument("--timeout", type=float, default=20.0, help="seconds to wait for the events")
    parser.add_argument("--verbose", action="store_true", help="log the client library on stderr")
    return parser.parse_args()


def login(base, user, api_key):
    """POST /api/Auth/loginKey and return the token (raises on failure)."""
    body = json.dumps({"userName": user, "apiKey": api_key}).encode("utf-8")
    request = urllib.request.Request(
        base + "/api/Auth/loginKey", data=body, method="POST",
        headers={"Content-Type": "application/json", "Accept": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        envelope = json.loads(response.read().decode("utf-8"))
    if not envelope.get("success") or not envelope.get("token"):
        raise RuntimeError("login failed: errorCode %s %s" % (envelope.get("errorCode"), envelope.get("errorMessage")))
    return envelope["token"]


def market_hub_url(base, token):
    """The market hub URL with the token in the access_token query parameter (as the gateway wants)."""
    return base + "/hubs/market?access_token=" + urllib.parse.quote(token, safe="")


class MarketCollector:
    """Thread-safe record of the market events and completions a client received."""

    def __init__(self, contract):
        self.contract = contract
        self.lock = threading.Lock()
        self.done = threading.Event()
        self.counts = {"GatewayQuote": 0, "GatewayTrade": 0, "GatewayDepth": 0}
        self.problems = []
        self.first = {}
        self.completions = {}
        self.close_messages = 0

    def event(self, target, arguments):
        """Records one event given the client's argument list."""
        with self.lock:
            self.counts[target] = self.counts.get(target, 0) + 1
            if target not in self.first:
                self.first[target] = self._describe(target, arguments)
            if all(count > 0 for count in self.counts.values()):
                self.done.set()

    def _describe(self, target, arguments):
        description = {"argumentCount": len(arguments) if isinstance(arguments, list) else None}
        if not isinstance(arguments, list) or len(arguments) != 2:
            self.problems.append("%s did not carry two arguments: %r" % (target, type(arguments).__name__))
            return description
        contract_id, data = arguments
        description["contractId"] = contract_id
        if contract_id != self.contract:
            self.problems.append("%s first argument %r is not the subscribed contract" % (target, contract_id))
        if target == "GatewayQuote":
            description["dataIsObject"] = isinstance(data, dict)
            if isinstance(data, dict):
                description["symbol"] = data.get("symbol")
                description["hasLastPrice"] = isinstance(data.get("lastPrice"), (int, float))
        else:
            description["dataIsArray"] = isinstance(data, list)
            if isinstance(data, list) and data and isinstance(data[0], dict):
                description["firstType"] = data[0].get("type")
                description["length"] = len(data)
        return description

    def completion(self, method, error):
        with self.lock:
            self.completions[method] = "ok" if not error else "error: " + str(error)
            if error:
                self.problems.append("%s failed: %s" % (method, error))

    def summary(self, client, mode):
        with self.lock:
            missing = [name for name, count in self.counts.items() if count == 0]
            problems = list(self.problems)
            if missing:
                problems.append("no " + ", ".join(missing) + " within the timeout")
            return {
                "client": client,
                "mode": mode,
                "unauthorized": False,
                "counts": dict(self.counts),
                "first": dict(self.first),
                "completions": dict(self.completions),
                "problems": problems,
            }


def finish(summary):
    """Prints the summary and exits with 0 when there were no problems, else 1."""
    print(json.dumps(summary, sort_keys=True), flush=True)
    sys.exit(EXIT_OK if not summary.get("problems") else EXIT_FAILED)


def unauthorized(client, mode, phase, error):
    """Prints the refusal and exits with EXIT_UNAUTHORIZED."""
    print(json.dumps({"client": client, "mode": mode, "unauthorized": True, "status": 401,
                      "phase": phase, "error": str(error)[:200]}, sort_keys=True), flush=True)
    sys.exit(EXIT_UNAUTHORIZED)


def fail(client, mode, message):
    print(json.dumps({"client": client, "mode": mode, "unauthorized": False, "problems": [message]}, sort_keys=True), flush=True)
    sys.exit(EXIT_FAILED)


def wait_for(event, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if event.wait(0.05):
            return True
    return event.is_set()
