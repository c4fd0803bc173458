"""Generates python stubs for the echo, attune.v1 (with the google/api annotations they import), health and reflection protos into a folder, at test time (never committed).

The generated modules for grpc/health/v1 and grpc/reflection/* would live in a package named ``grpc``, which the grpcio
package shadows, so that tree is renamed to ``grpc_protos`` and its imports rewritten; the proto file names registered in
the descriptor pool stay the original ones (``grpc/health/v1/health.proto``), as a reflection client expects.

Usage: interop_gen.py PROTOS_DIR OUT_DIR
"""
import os
import pathlib
import shutil
import sys

from grpc_tools import protoc

PROTOS = [
    "google/api/http.proto",
    "google/api/annotations.proto",
    "attune/testing/v1/echo.proto",
    "attune/v1/common.proto",
    "attune/v1/feedback.proto",
    "attune/v1/trainer.proto",
    "attune/v1/adapter.proto",
    "attune/v1/generator.proto",
    "grpc/health/v1/health.proto",
    "grpc/reflection/v1/reflection.proto",
    "grpc/reflection/v1alpha/reflection.proto",
]


def main(protos_dir: str, out_dir: str) -> None:
    out = pathlib.Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    include = os.path.join(os.path.dirname(protoc.__file__), "_proto")
    args = ["protoc", f"-I{protos_dir}", f"-I{include}", f"--python_out={out}", f"--grpc_python_out={out}", *PROTOS]
    if protoc.main(args) != 0:
        raise SystemExit(f"protoc failed: {' '.join(args)}")
    shutil.rmtree(out / "grpc_protos", ignore_errors=True)
    (out / "grpc").rename(out / "grpc_protos")
    for path in (out / "grpc_protos").rglob("*.py"):
        text = path.read_text()
        path.write_text(text.replace("from grpc.health.", "from grpc_protos.health.")
                        .replace("from grpc.reflection.", "from grpc_protos.reflection."))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
