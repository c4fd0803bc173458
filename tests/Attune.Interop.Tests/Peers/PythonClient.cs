using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Attune.Interop.Tests.Hosting;

namespace Attune.Interop.Tests.Peers;

/// <summary>Runs one scenario of <c>python/echo_client.py</c> (python grpcio as the client) and returns what it printed.</summary>
public static class PythonClient
{
    /// <summary>Runs a scenario to its end; returns its JSON lines (most scenarios print one).</summary>
    public static async Task<IReadOnlyList<JsonElement>> RunAsync(string target, string scenario, object? arg = null, string? apiKey = null)
    {
        var lines = new List<JsonElement>();
        await foreach (var line in StreamAsync(target, scenario, arg, apiKey))
        {
            lines.Add(line);
        }

        return lines;
    }

    /// <summary>Runs a scenario against <paramref name="endpoint"/> (with its API key, if any); returns its only (or last) JSON line.</summary>
    public static Task<JsonElement> RunOneAsync(IEchoEndpoint endpoint, string scenario, object? arg = null) =>
        RunOneAsync(endpoint.Target, scenario, arg, endpoint.ApiKey);

    /// <summary>Runs a scenario and returns its only (or last) JSON line.</summary>
    public static async Task<JsonElement> RunOneAsync(string target, string scenario, object? arg = null, string? apiKey = null)
    {
        var lines = await RunAsync(target, scenario, arg, apiKey);
        Assert.NotEmpty(lines);
        return lines[^1];
    }

    /// <summary>
    /// Runs a scenario, yielding each JSON line as the script prints it (for scenarios the test steers); ends with the
    /// test's cancellation or after 60 s.
    /// </summary>
    public static async IAsyncEnumerable<JsonElement> StreamAsync(string target, string scenario, object? arg = null, string? apiKey = null)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var argJson = arg switch
        {
            null => "{}",
            JsonNode node => node.ToJsonString(),
            _ => JsonSerializer.Serialize(arg),
        };
        var info = Python.StartInfo(
            "echo_client.py",
            ["--gen", Python.StubsDirectory, "--target", target, "--scenario", scenario, "--arg", argJson, .. (apiKey is null ? Array.Empty<string>() : ["--api-key", apiKey])]);
        using var process = Process.Start(info)!;
        process.StandardInput.Close();
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        try
        {
            while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                if (line.StartsWith('{'))
                {
                    yield return JsonDocument.Parse(line).RootElement.Clone();
                }
            }

            await process.WaitForExitAsync(timeout.Token);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        if (process.ExitCode != 0)
        {
            Assert.Fail($"python client scenario '{scenario}' exited {process.ExitCode}: {await stderr}");
        }
    }
}
