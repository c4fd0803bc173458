"""A generic python grpcio client that knows only the gateway's address and an API key: no attune.v1 stubs.

It does what grpcurl or a notebook would: lists the services by server reflection through the gateway, fetches the
file descriptors of attune.v1.AdapterService (and their imports), builds message classes and a stub from them, and
onboards a user through the gateway: NextQuery, SubmitAnswer (preferring response A each time), GetProfile. Prints one
JSON object with what it saw.

Usage: gateway_reflection_client.py --gen STUBS_DIR --gateway HOST:PORT --api-key KEY --user USER [--answers N]
(of the stubs interop_gen.py generates into STUBS_DIR it imports grpc.reflection.v1 alone)
"""
import argparse
import json
import sys


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--gen", required=True)
    parser.add_argument("--gateway", required=True)
    parser.add_argument("--api-key", required=True)
    parser.add_argument("--user", required=True)
    parser.add_argument("--answers", type=int, default=3)
    options = parser.parse_args()
    sys.path.insert(0, options.gen)

    import grpc
    from google.protobuf import json_format
    from reflection_pool import build_pool, fetch_files, message_class_of
    from grpc_protos.reflection.v1 import reflection_pb2 as rpb, reflection_pb2_grpc as rgrpc

    metadata = (("x-api-key", options.api_key),)
    out = {}
    with grpc.insecure_channel(options.gateway) as channel:
        reflection = rgrpc.ServerReflectionStub(channel)

        def ask(**fields):
            replies = list(reflection.ServerReflectionInfo(
                iter([rpb.ServerReflectionRequest(**fields)]), timeout=10, metadata=metadata))
            return replies[0]

        out["services"] = sorted(s.name for s in ask(list_services="").list_services_response.service)

        # Every file the adapter's service needs, its imports included, into one descriptor pool.
        files = fetch_files(ask, ask(file_containing_symbol="attune.v1.AdapterService").file_descriptor_response)
        pool = build_pool(files)
        message_class = message_class_of(pool)
        out["files"] = sorted(files)
        service = pool.FindServiceByName("attune.v1.AdapterService")
        out["methods"] = [m.name for m in service.methods]

        def method(name):
            descriptor = service.FindMethodByName(name)
            request_class = message_class(descriptor.input_type)
            reply_class = message_class(descriptor.output_type)
            call = channel.unary_unary(f"/{service.full_name}/{name}",
                                       request_serializer=request_class.SerializeToString,
                                       response_deserializer=reply_class.FromString)
            return lambda fields: call(json_format.ParseDict(fields, request_class()), timeout=30, metadata=metadata)

        next_query, submit_answer, get_profile = method("NextQuery"), method("SubmitAnswer"), method("GetProfile")

        def as_dict(message):
            return json_format.MessageToDict(message, preserving_proto_field_name=True)

        out["answers"] = []
        for i in range(options.answers):
            pair = as_dict(next_query({"user_id": options.user}).pair)
            reply = submit_answer({"user_id": options.user, "pair": pair, "preference": 1.0,
                                   "client_id": f"{options.user}-{i}"})
            out["answers"].append({"prompt": pair.get("prompt", ""), "answers": int(reply.profile.answers),
                                   "comparison_id": reply.comparison_id})
        out["profile"] = as_dict(get_profile({"user_id": options.user}).profile)

        # The same call without the key: the gateway refuses it.
        descriptor = service.FindMethodByName("GetProfile")
        unkeyed = channel.unary_unary(f"/{service.full_name}/GetProfile",
                                      request_serializer=lambda m: m.SerializeToString(),
                                      response_deserializer=lambda b: b)
        try:
            unkeyed(json_format.ParseDict({"user_id": options.user},
                                          message_class(descriptor.input_type)()), timeout=10)
            out["no_key"] = "OK"
        except grpc.RpcError as error:
            out["no_key"] = error.code().name
    print(json.dumps(out))


if __name__ == "__main__":
    main()
