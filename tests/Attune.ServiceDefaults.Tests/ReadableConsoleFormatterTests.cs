using System.Net.Sockets;
using Attune.ServiceDefaults;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace Attune.ServiceDefaults.Tests;

public sealed class ReadableConsoleFormatterTests
{
    [Fact]
    public void Write_plainEntry_oneLineWithUtcTimestampLevelAndCategory()
    {
        var line = Format(LogLevel.Warning, "disk almost full", null);

        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z warn: Test\.Category\[7\] disk almost full\n$", line);
    }

    [Fact]
    public void Write_portInUse_noStackTrace()
    {
        var e = new IOException("Failed to bind to address http://127.0.0.1:5001: address already in use.",
            new AddressInUseException("Address already in use"));

        var line = Format(LogLevel.Critical, "Hosting failed to start", e);

        Assert.Single(line.TrimEnd('\n').Split('\n'));
        Assert.Contains("(IOException: Failed to bind", line, StringComparison.Ordinal);
        Assert.Contains("AddressInUseException", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_connectionRefused_noStackTrace()
    {
        var e = new HttpRequestException("Connection refused (127.0.0.1:5672)", new SocketException((int)SocketError.ConnectionRefused));

        Assert.Single(Format(LogLevel.Error, "broker unreachable", e).TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public void Write_bug_keepsStackTrace()
    {
        Exception e;
        try
        {
            throw new InvalidOperationException("a bug");
        }
        catch (InvalidOperationException caught)
        {
            e = caught;
        }

        var line = Format(LogLevel.Error, "handler failed", e);

        Assert.Contains("System.InvalidOperationException: a bug", line, StringComparison.Ordinal);
        Assert.Contains("   at ", line, StringComparison.Ordinal);
    }

    private static string Format(LogLevel level, string message, Exception? exception)
    {
        var formatter = new ReadableConsoleFormatter(new StaticOptions(new ConsoleFormatterOptions()));
        using var writer = new StringWriter { NewLine = "\n" };
        formatter.Write(
            new LogEntry<string>(level, "Test.Category", new EventId(7), message, exception, (s, _) => s),
            null, writer);
        return writer.ToString();
    }

    private sealed class StaticOptions(ConsoleFormatterOptions value) : IOptionsMonitor<ConsoleFormatterOptions>
    {
        public ConsoleFormatterOptions CurrentValue => value;

        public ConsoleFormatterOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<ConsoleFormatterOptions, string?> listener) => null;
    }
}
