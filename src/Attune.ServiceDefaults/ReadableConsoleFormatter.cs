using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace Attune.ServiceDefaults;

/// <summary>
/// Console lines a person can read: <c>2026-12-04T04:31:54.123Z warn: Category[event] message</c>, one line per entry.
/// An exception that reports an expected condition (a peer that reset or refused the connection, a port in use, a
/// server that is down, a cancelled call, a timeout) is shown as its type and message on the same line; any other
/// exception keeps its stack trace, because that one is a bug worth reading.
/// </summary>
public sealed class ReadableConsoleFormatter(IOptionsMonitor<ConsoleFormatterOptions> options)
    : ConsoleFormatter(Name)
{
    /// <summary>The formatter's name in logging configuration (<c>Logging:Console:FormatterName</c>).</summary>
    public new const string Name = "attune";

    /// <inheritdoc />
    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        ArgumentNullException.ThrowIfNull(textWriter);
        var message = logEntry.Formatter?.Invoke(logEntry.State, logEntry.Exception);
        if (message is null && logEntry.Exception is null)
        {
            return;
        }

        var format = options.CurrentValue.TimestampFormat ?? "yyyy-MM-ddTHH:mm:ss.fffZ ";
        textWriter.Write(DateTime.UtcNow.ToString(format, System.Globalization.CultureInfo.InvariantCulture));
        textWriter.Write(Level(logEntry.LogLevel));
        textWriter.Write(": ");
        textWriter.Write(logEntry.Category);
        textWriter.Write('[');
        textWriter.Write(logEntry.EventId.Id);
        textWriter.Write("] ");
        textWriter.Write(message?.ReplaceLineEndings(" "));
        if (logEntry.Exception is { } e)
        {
            if (IsExpected(e))
            {
                textWriter.Write(" (");
                textWriter.Write(Describe(e));
                textWriter.Write(')');
            }
            else
            {
                textWriter.WriteLine();
                textWriter.Write(e.ToString());
            }
        }

        textWriter.WriteLine();
    }

    /// <summary>
    /// True when <paramref name="e"/> (or what it wraps) is a condition of the environment, not of the code: sockets
    /// refused, reset or in use; I/O on a closed connection; cancellation; timeouts; a broker that cannot be reached.
    /// </summary>
    public static bool IsExpected(Exception e)
    {
        for (var x = e; x is not null; x = x.InnerException)
        {
            switch (x)
            {
                case SocketException:
                case Microsoft.AspNetCore.Connections.AddressInUseException:
                case OperationCanceledException:
                case TimeoutException:
                case Microsoft.AspNetCore.Connections.ConnectionResetException:
                case Microsoft.AspNetCore.Http.BadHttpRequestException:
                    return true;
            }

            // RabbitMQ.Client's BrokerUnreachableException, AlreadyClosedException and the like, and MassTransit's
            // connection exceptions, without a reference to their assemblies.
            var name = x.GetType().Name;
            if (name is "BrokerUnreachableException" or "AlreadyClosedException" or "ConnectFailureException"
                or "RabbitMqConnectionException" or "OperationInterruptedException")
            {
                return true;
            }
        }

        return false;
    }

    private static string Describe(Exception e)
    {
        var parts = new List<string>();
        for (var x = e; x is not null && parts.Count < 3; x = x.InnerException)
        {
            parts.Add($"{x.GetType().Name}: {x.Message.ReplaceLineEndings(" ")}");
        }

        return string.Join(" <- ", parts);
    }

    private static string Level(LogLevel level) => level switch
    {
        LogLevel.Trace => "trce",
        LogLevel.Debug => "dbug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "fail",
        LogLevel.Critical => "crit",
        _ => "none",
    };
}
