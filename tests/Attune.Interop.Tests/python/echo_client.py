"""A python grpcio CLIENT of attune.testing.v1.EchoService, health and reflection: one scenario per run.

Prints one JSON object per line on stdout (most scenarios print exactly one; ``health_watch`` prints one per update) so
that the C# interop tests assert on what a foreign client actually saw. Failures of the call under test are results
(``{"code": "DEADLINE_EXCEEDED", "details": ...}``), not crashes.

Usage: echo_client.py --gen GEN_DIR --target HOST:PORT --scenario NAME [--arg JSON] [--api-key KEY]

--api-key sends ``x-api-key: KEY`` with every call (through a channel interceptor, so each scenario's own metadata is
unchanged): the same scenarios then run through the gateway.
"""
import argparse
import json
import sys
import threading


def emit(obj) -> None:
    print(json.dumps(obj, ensure_ascii=False), flush=True)


def error_result(error) -> dict:
    return {"code": error.code().name, "details": error.details()}


def metadata_list(pairs) -> list:
    """Metadata as [key, value] pairs; binary (-bin) values as hex."""
    return [[k, v.hex() if k.endswith("-bin") else v] for k, v in (pairs or [])]


def reply_dict(reply) -> dict:
    return {"message": reply.message, "payload_len": len(reply.payload), "payload_hex": reply.payload[:64].hex(),
            "index": reply.index}


def with_api_key(grpc, channel, key: str):
    """The channel with ``x-api-key`` added to every call's metadata."""

    class Details(grpc.ClientCallDetails):
        def __init__(self, details, metadata):
            self.method = details.method
            self.timeout = details.timeout
            self.metadata = metadata
            self.credentials = details.credentials
            self.wait_for_ready = getattr(details, "wait_for_ready", None)
            self.compression = getattr(details, "compression", None)

    class AddKey(grpc.UnaryUnaryClientInterceptor, grpc.UnaryStreamClientInterceptor,
                 grpc.StreamUnaryClientInterceptor, grpc.StreamStreamClientInterceptor):
        def _details(self, details):
            return Details(details, list(details.metadata or []) + [("x-api-key", key)])

        def intercept_unary_unary(self, continuation, details, request):
            return continuation(self._details(details), request)

        def intercept_unary_stream(self, continuation, details, request):
            return continuation(self._details(details), request)

        def intercept_stream_unary(self, continuation, details, requests):
            return continuation(self._details(details), requests)

        def intercept_stream_stream(self, continuation, details, requests):
            return continuation(self._details(details), requests)

    return grpc.intercept_channel(channel, AddKey())


class Scenarios:
    def __init__(self, grpc, target: str, arg: dict, api_key: str = None):
        from attune.testing.v1 import echo_pb2, echo_pb2_grpc

        self.grpc = grpc
        self.pb = echo_pb2
        self.arg = arg
        options = []
        if "max_receive" in arg:
            options.append(("grpc.max_receive_message_length", arg["max_receive"]))
        compression = grpc.Compression.Gzip if arg.get("gzip") else None
        self.channel = grpc.insecure_channel(target, options=options, compression=compression)
        # Connected before the scenario starts, so a call's deadline measures the call, not the connection.
        grpc.channel_ready_future(self.channel).result(timeout=20)
        if api_key:
            self.channel = with_api_key(grpc, self.channel, api_key)
        self.stub = echo_pb2_grpc.EchoServiceStub(self.channel)

    def request(self, **fields):
        return self.pb.EchoRequest(**fields)

    def unary(self):
        a = self.arg
        payload = bytes.fromhex(a.get("payload_hex", "")) * a.get("payload_repeat", 1)
        request = self.request(message=a.get("message", ""), payload=payload, delay_ms=a.get("delay_ms", 0),
                               fail_code=a.get("fail_code", 0), fail_message=a.get("fail_message", ""),
                               echo_metadata=a.get("echo_metadata", []))
        metadata = [(k, bytes.fromhex(v) if k.endswith("-bin") else v) for k, v in a.get("metadata", [])]
        try:
            reply, call = self.stub.Unary.with_call(request, timeout=a.get("timeout"), metadata=metadata or None)
            result = reply_dict(reply)
            result.update(code="OK", headers=metadata_list(call.initial_metadata()),
                          trailers=metadata_list(call.trailing_metadata()))
            return result
        except self.grpc.RpcError as error:
            result = error_result(error)
            result.update(headers=metadata_list(error.initial_metadata()),
                          trailers=metadata_list(error.trailing_metadata()))
            return result

    def server_stream(self):
        a = self.arg
        request = self.request(message=a.get("message", ""), repeat=a.get("repeat", 0), delay_ms=a.get("delay_ms", 0),
                               fail_code=a.get("fail_code", 0), fail_message=a.get("fail_message", ""),
                               payload=bytes.fromhex(a.get("payload_hex", "")) * a.get("payload_repeat", 1))
        replies = []
        call = self.stub.ServerStream(request, timeout=a.get("timeout"))
        try:
            for reply in call:
                replies.append(reply_dict(reply))
            return {"code": "OK", "replies": replies}
        except self.grpc.RpcError as error:
            return {**error_result(error), "replies": replies}

    def client_stream(self):
        a = self.arg
        requests = (self.request(message=m, payload=bytes([i])) for i, m in enumerate(a.get("messages", [])))
        try:
            return {"code": "OK", **reply_dict(self.stub.ClientStream(requests, timeout=a.get("timeout")))}
        except self.grpc.RpcError as error:
            return error_result(error)

    def bidi(self):
        """Ping-pong: each request is sent only after the previous reply arrived, proving replies stream as they go."""
        a = self.arg
        outbox = []
        ready = threading.Semaphore(0)
        messages = a.get("messages", [])

        def requests():
            for i, m in enumerate(messages):
                if i > 0:
                    ready.acquire()
                yield self.request(message=m, fail_code=a.get("fail_code", 0) if i == a.get("fail_at", -1) else 0,
                                   fail_message=a.get("fail_message", ""))

        call = self.stub.Bidi(requests(), timeout=a.get("timeout"))
        try:
            for reply in call:
                outbox.append(reply_dict(reply))
                ready.release()
            return {"code": "OK", "replies": outbox}
        except self.grpc.RpcError as error:
            return {**error_result(error), "replies": outbox}

    def cancel_server_stream(self):
        """Reads `after` replies of a long, slow server stream, then cancels the call."""
        a = self.arg
        call = self.stub.ServerStream(self.request(message="slow", repeat=a.get("repeat", 1000),
                                                   payload=bytes(a.get("payload_bytes", 0)),
                                                   delay_ms=a.get("delay_ms", 0)))
        received = 0
        try:
            for _ in call:
                received += 1
                if received == a.get("after", 2):
                    call.cancel()
        except self.grpc.RpcError as error:
            return {**error_result(error), "received": received}
        return {"code": "OK", "received": received}

    def cancel_bidi(self):
        """Sends one message, reads its echo, then cancels while the server waits for the next message."""
        requests_done = threading.Event()

        def requests():
            yield self.request(message=self.arg.get("message", "first"))
            requests_done.wait(30)  # keep the request stream open: the server must be waiting, not finishing

        call = self.stub.Bidi(requests())
        received = 0
        try:
            for _ in call:
                received += 1
                call.cancel()
        except self.grpc.RpcError as error:
            return {**error_result(error), "received": received}
        finally:
            requests_done.set()
        return {"code": "OK", "received": received}

    def health_check(self):
        from grpc_protos.health.v1 import health_pb2, health_pb2_grpc

        stub = health_pb2_grpc.HealthStub(self.channel)
        try:
            reply = stub.Check(health_pb2.HealthCheckRequest(service=self.arg.get("service", "")), timeout=5)
            return {"code": "OK", "status": health_pb2.HealthCheckResponse.ServingStatus.Name(reply.status)}
        except self.grpc.RpcError as error:
            return error_result(error)

    def health_watch(self):
        """Emits one line per status update, up to `updates`, then cancels the watch."""
        from grpc_protos.health.v1 import health_pb2, health_pb2_grpc

        stub = health_pb2_grpc.HealthStub(self.channel)
        call = stub.Watch(health_pb2.HealthCheckRequest(service=self.arg.get("service", "")),
                          timeout=self.arg.get("timeout", 20))
        seen = 0
        try:
            for reply in call:
                emit({"code": "OK", "status": health_pb2.HealthCheckResponse.ServingStatus.Name(reply.status)})
                seen += 1
                if seen == self.arg.get("updates", 1):
                    call.cancel()
                    return None
        except self.grpc.RpcError as error:
            if seen == self.arg.get("updates", 1) and error.code() == self.grpc.StatusCode.CANCELLED:
                return None
            return error_result(error)
        return {"code": "OK", "ended": True}

    def reflection(self):
        """Lists services, then resolves a symbol into file descriptors, builds a dynamic stub and calls it."""
        from google.protobuf import json_format
        from reflection_pool import build_pool, fetch_files, message_class_of

        version = self.arg.get("version", "v1")
        if version == "v1":
            from grpc_protos.reflection.v1 import reflection_pb2 as rpb, reflection_pb2_grpc as rgrpc
        else:
            from grpc_protos.reflection.v1alpha import reflection_pb2 as rpb, reflection_pb2_grpc as rgrpc
        stub = rgrpc.ServerReflectionStub(self.channel)

        def ask(**fields):
            responses = list(stub.ServerReflectionInfo(iter([rpb.ServerReflectionRequest(**fields)]), timeout=10))
            return responses[0]

        try:
            listed = ask(list_services="")
            services = sorted(s.name for s in listed.list_services_response.service)
            symbol = self.arg.get("symbol", "attune.testing.v1.EchoService")
            found = ask(file_containing_symbol=symbol)
            if found.HasField("error_response"):
                return {"code": "OK", "services": services, "symbol_error": found.error_response.error_code}
            files = fetch_files(ask, found.file_descriptor_response)
            pool = build_pool(files)
            service = pool.FindServiceByName(symbol)
            method = service.FindMethodByName(self.arg.get("method", "Unary"))
            message_class = message_class_of(pool)
            request_class = message_class(method.input_type)
            reply_class = message_class(method.output_type)
            call = self.channel.unary_unary(f"/{service.full_name}/{method.name}",
                                            request_serializer=request_class.SerializeToString,
                                            response_deserializer=reply_class.FromString)
            request = request_class()
            json_format.ParseDict(self.arg.get("request", {"message": self.arg.get("message", "via reflection")}), request)
            reply = call(request, timeout=10)
            return {"code": "OK", "services": services, "files": sorted(files),
                    "methods": [m.name for m in service.methods], "reply_message": getattr(reply, "message", None),
                    "reply": json_format.MessageToDict(reply, preserving_proto_field_name=True)}
        except self.grpc.RpcError as error:
            return error_result(error)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--gen", required=True)
    parser.add_argument("--target", required=True)
    parser.add_argument("--scenario", required=True)
    parser.add_argument("--arg", default="{}")
    parser.add_argument("--api-key", default=None)
    options = parser.parse_args()
    sys.path.insert(0, options.gen)
    import grpc

    scenarios = Scenarios(grpc, options.target, json.loads(options.arg), options.api_key)
    result = getattr(scenarios, options.scenario)()
    if result is not None:
        emit(result)


if __name__ == "__main__":
    main()
