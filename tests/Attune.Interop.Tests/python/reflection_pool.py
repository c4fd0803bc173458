"""What a generic grpcio client builds from server reflection: the file descriptors a symbol needs, a descriptor pool
holding them, and message classes from it. Shared by echo_client.py's reflection scenario and gateway_reflection_client.py.
"""
from google.protobuf import descriptor_pb2, descriptor_pool, message_factory


def fetch_files(ask, found):
    """Every FileDescriptorProto of `found` (a file_descriptor_response) and, through ask(file_by_filename=...), their imports."""
    files = {}
    pending = list(found.file_descriptor_proto)
    while pending:
        proto = descriptor_pb2.FileDescriptorProto.FromString(pending.pop())
        if proto.name in files:
            continue
        files[proto.name] = proto
        for dependency in proto.dependency:
            if dependency not in files:
                pending.extend(ask(file_by_filename=dependency).file_descriptor_response.file_descriptor_proto)
    return files


def build_pool(files):
    """A descriptor pool holding `files`, each added after its imports."""
    pool = descriptor_pool.DescriptorPool()
    added = set()

    def add(name):
        if name in added:
            return
        for dependency in files[name].dependency:
            add(dependency)
        pool.Add(files[name])
        added.add(name)

    for name in files:
        add(name)
    return pool


def message_class_of(pool):
    """descriptor -> message class: protobuf >= 4.22 has GetMessageClass; Debian 12's 4.21 has MessageFactory.GetPrototype."""
    return getattr(message_factory, "GetMessageClass", None) or message_factory.MessageFactory(pool).GetPrototype
