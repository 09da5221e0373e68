#!/usr/bin/env python3
"""Consumes the gateway simulator's market hub with a Python SignalR client and reports figures.

    consume.py --client signalrcore|pysignalr --base http://127.0.0.1:PORT --contracts A,B --seconds 5

Subscribes to quotes, trades and depth of every contract, waits --warmup seconds, then counts the
hub messages (one GatewayQuote/GatewayTrade/GatewayDepth invocation each) for --seconds, samples
the latency from the quote's `timestamp` (set by the simulator when it generated the event) to
the callback, and prints one JSON line: messages, seconds, rate, latency p50/p99 in ms, peak RSS
in MiB, and whether the connection broke. Tokens are never printed.
"""

import argparse
import asyncio
import datetime
import json
import resource
import sys
import threading
import time
import urllib.parse
import urllib.request


def login(base):
    body = json.dumps({"userName": "simtrader", "apiKey": "sim-api-key"}).encode()
    request = urllib.request.Request(base + "/api/Auth/loginKey", data=body, method="POST",
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read())["token"]


class Counter:
    def __init__(self):
        self.lock = threading.Lock()
        self.counting = False
        self.messages = 0
        self.latencies = []
        self.broken = None

    def event(self, target, arguments):
        now = time.time()
        with self.lock:
            if not self.counting:
                return
            self.messages += 1
            if target == "GatewayQuote" and len(self.latencies) < 200000:
                data = arguments[1] if isinstance(arguments, list) and len(arguments) > 1 else None
                stamp = data.get("timestamp") if isinstance(data, dict) else None
                if stamp:
                    try:
                        sent = datetime.datetime.fromisoformat(stamp).timestamp()
                        self.latencies.append((now - sent) * 1000.0)
                    except ValueError:
                        pass


def peak_rss_mib():
    """VmHWM of this process (getrusage's ru_maxrss would include the parent's peak before exec)."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024.0
    except OSError:
        pass
    return None


def cpu_seconds():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def percentile(values, p):
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, int(round(p / 100.0 * len(ordered) + 0.4999)))
    return ordered[min(len(ordered), rank) - 1]


async def run_pysignalr(args, url, counter):
    from pysignalr.client import SignalRClient
    client = SignalRClient(url, retry_count=1, max_size=16 * 1024 * 1024)
    for target in ("GatewayQuote", "GatewayTrade", "GatewayDepth"):
        async def handler(arguments, target=target):
            counter.event(target, arguments)
        client.on(target, handler)

    async def on_open():
        for contract in args.contracts:
            for method in ("SubscribeContractQuotes", "SubscribeContractTrades", "SubscribeContractMarketDepth"):
                await client.send(method, [contract])
    client.on_open(on_open)
    task = asyncio.create_task(client.run())
    await measure(args, counter, lambda: task.done())
    if task.done() and not task.cancelled() and task.exception():
        counter.broken = repr(task.exception())
    task.cancel()


def run_signalrcore(args, url, counter):
    from signalrcore.hub_connection_builder import HubConnectionBuilder
    connection = HubConnectionBuilder().with_url(url, options={"skip_negotiation": True}).build()
    opened = threading.Event()
    closed = threading.Event()
    connection.on_open(opened.set)
    connection.on_close(closed.set)
    for target in ("GatewayQuote", "GatewayTrade", "GatewayDepth"):
        connection.on(target, lambda arguments, target=target: counter.event(target, arguments))
    connection.start()
    if not opened.wait(10):
        counter.broken = "did not connect"
        return
    for contract in args.contracts:
        for method in ("SubscribeContractQuotes", "SubscribeContractTrades", "SubscribeContractMarketDepth"):
            connection.send(method, [contract])
    asyncio.run(measure(args, counter, closed.is_set))
    if closed.is_set():
        counter.broken = "connection closed"
    connection.stop()


async def measure(args, counter, stopped):
    await asyncio.sleep(args.warmup)
    with counter.lock:
        counter.counting = True
        started = time.monotonic()
        cpu_start = cpu_seconds()
    deadline = started + args.seconds
    while time.monotonic() < deadline and not stopped():
        await asyncio.sleep(0.05)
    with counter.lock:
        counter.counting = False
        counter.elapsed = time.monotonic() - started
        counter.cpu = cpu_seconds() - cpu_start


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--client", choices=["signalrcore", "pysignalr"], required=True)
    parser.add_argument("--base", required=True)
    parser.add_argument("--contracts", required=True, type=lambda text: text.split(","))
    parser.add_argument("--seconds", type=float, default=5)
    parser.add_argument("--warmup", type=float, default=1)
    args = parser.parse_args()
    token = login(args.base)
    url = args.base + "/hubs/market?access_token=" + urllib.parse.quote(token, safe="")
    counter = Counter()
    counter.elapsed = 0.0
    counter.cpu = None
    if args.client == "pysignalr":
        asyncio.run(run_pysignalr(args, url, counter))
    else:
        run_signalrcore(args, url, counter)
    elapsed = counter.elapsed or args.seconds
    print(json.dumps({
        "client": args.client,
        "messages": counter.messages,
        "seconds": elapsed,
        "rate": counter.messages / elapsed if elapsed else 0,
        "latencyP50": percentile(counter.latencies, 50),
        "latencyP99": percentile(counter.latencies, 99),
        "peakRSSMiB": peak_rss_mib(),
        "cpuSeconds": counter.cpu,
        "broken": counter.broken,
    }), flush=True)


if __name__ == "__main__":
    sys.exit(main())
