"""A python grpcio SERVER of attune.testing.v1.EchoService, with the semantics of tests/Attune.EchoServer (delay_ms once
before replying, fail_code after the replies of a stream, client streams taking the last message's settings), for
Attune's client to call.

Prints ``{"event": "listening", "port": N}`` once serving, then one JSON line per event the tests wait on:
``{"event": "cancelled", "method": ..., "message": ...}`` when a call's context ends early (client cancel or deadline), and
``{"event": "attempt", "key": ..., "n": ...}`` for each attempt of a call carrying ``x-retry-key``.

Retry testing: a call with metadata ``x-retry-key: K`` and ``x-fail-attempts: N`` fails with UNAVAILABLE on its first N
attempts (counted per K) and then succeeds, replying ``attempt <n>``.

Usage: echo_server.py --gen GEN_DIR [--port 0] [--max-receive BYTES] [--max-send BYTES] [--gzip]
"""
import argparse
import json
import sys
import threading
import time
from concurrent import futures

lock = threading.Lock()
attempts = {}


def emit(obj) -> None:
    with lock:
        print(json.dumps(obj, ensure_ascii=False), flush=True)


def build_servicer(grpc, echo_pb2, echo_pb2_grpc):
    def fail_if_asked(request, context):
        if request.fail_code:
            context.abort(_status_code(grpc, request.fail_code), request.fail_message)

    def echo_metadata(request, context, send):
        wanted = set(request.echo_metadata)
        if wanted:
            send(tuple((k, v) for k, v in context.invocation_metadata() if k in wanted))

    def sleep_ms(context, ms, method, message=""):
        """Sleeps, watching the call: False (and a "cancelled" event) when the client cancelled or the deadline passed."""
        deadline = time.monotonic() + ms / 1000
        while time.monotonic() < deadline and context.is_active():
            time.sleep(min(0.005, max(0.0, deadline - time.monotonic())))
        if context.is_active():
            return True
        emit({"event": "cancelled", "method": method, "message": message})
        return False

    def retry_gate(context):
        md = dict(context.invocation_metadata())
        key = md.get("x-retry-key")
        if key is None:
            return None
        with lock:
            attempts[key] = attempts.get(key, 0) + 1
            n = attempts[key]
        emit({"event": "attempt", "key": key, "n": n})
        if n <= int(md.get("x-fail-attempts", "0")):
            context.abort(grpc.StatusCode.UNAVAILABLE, f"attempt {n} refused")
        return n

    class Echo(echo_pb2_grpc.EchoServiceServicer):
        def Unary(self, request, context):
            n = retry_gate(context)
            echo_metadata(request, context, context.send_initial_metadata)
            if request.delay_ms and not sleep_ms(context, request.delay_ms, "Unary", request.message):
                return echo_pb2.EchoReply()
            echo_metadata(request, context, context.set_trailing_metadata)
            fail_if_asked(request, context)
            message = f"attempt {n}" if n is not None else request.message
            return echo_pb2.EchoReply(message=message, payload=request.payload)

        def ServerStream(self, request, context):
            echo_metadata(request, context, context.send_initial_metadata)
            echo_metadata(request, context, context.set_trailing_metadata)
            if request.delay_ms and not sleep_ms(context, request.delay_ms, "ServerStream", request.message):
                return
            for i in range(max(1, request.repeat)):
                if not context.is_active():
                    emit({"event": "cancelled", "method": "ServerStream"})
                    return
                yield echo_pb2.EchoReply(message=request.message, payload=request.payload, index=i)
            fail_if_asked(request, context)

        def ClientStream(self, request_iterator, context):
            retry_gate(context)
            message, payload, last, count = [], bytearray(), None, 0
            for request in request_iterator:
                message.append(request.message)
                payload.extend(request.payload)
                last, count = request, count + 1
            if last is not None:
                if last.delay_ms and not sleep_ms(context, last.delay_ms, "ClientStream"):
                    return echo_pb2.EchoReply()
                fail_if_asked(last, context)
            return echo_pb2.EchoReply(message="".join(message), payload=bytes(payload), index=count)

        def Bidi(self, request_iterator, context):
            for i, request in enumerate(request_iterator):
                echo_metadata(request, context, context.set_trailing_metadata)
                fail_if_asked(request, context)
                if request.delay_ms and not sleep_ms(context, request.delay_ms, "Bidi", request.message):
                    return
                yield echo_pb2.EchoReply(message=request.message, payload=request.payload, index=i)

    return Echo()


def _status_code(grpc, value):
    return next((code for code in grpc.StatusCode if code.value[0] == value), grpc.StatusCode.UNKNOWN)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--gen", required=True)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--max-receive", type=int, default=None)
    parser.add_argument("--max-send", type=int, default=None)
    parser.add_argument("--gzip", action="store_true")
    options = parser.parse_args()
    sys.path.insert(0, options.gen)
    import grpc
    from attune.testing.v1 import echo_pb2, echo_pb2_grpc

    server_options = []
    if options.max_receive is not None:
        server_options.append(("grpc.max_receive_message_length", options.max_receive))
    if options.max_send is not None:
        server_options.append(("grpc.max_send_message_length", options.max_send))
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=16), options=server_options,
                         compression=grpc.Compression.Gzip if options.gzip else None)
    echo_pb2_grpc.add_EchoServiceServicer_to_server(build_servicer(grpc, echo_pb2, echo_pb2_grpc), server)
    port = server.add_insecure_port(f"127.0.0.1:{options.port}")
    server.start()
    emit({"event": "listening", "port": port})
    try:
        sys.stdin.read()  # the test closes stdin (or kills us) to stop the server
    finally:
        server.stop(grace=0)


if __name__ == "__main__":
    main()
