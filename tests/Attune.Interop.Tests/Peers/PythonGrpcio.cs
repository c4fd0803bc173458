using System.Text.Json;

namespace Attune.Interop.Tests.Peers;

/// <summary>python grpcio as an <see cref="IForeignClient"/>: <c>python/echo_client.py</c> through <see cref="PythonClient"/>.</summary>
public sealed class PythonGrpcio : IForeignClient
{
    /// <inheritdoc />
    public string Name => "python grpcio";

    /// <inheritdoc />
    public bool Available => Python.Available;

    /// <inheritdoc />
    public string Requirement => Python.Requirement;

    /// <inheritdoc />
    public IAsyncEnumerable<JsonElement> StreamAsync(string target, string scenario, object? arg = null, string? apiKey = null) =>
        PythonClient.StreamAsync(target, scenario, arg, apiKey);
}
