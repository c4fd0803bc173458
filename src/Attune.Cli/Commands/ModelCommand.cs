using System.CommandLine;
using System.Globalization;
using Attune.Contracts.V1;
using Grpc.Core;
using Grpc.Net.Client;
using Spectre.Console;

namespace Attune.Cli.Commands;

/// <summary>
/// <c>attune model list | show [VERSION] | import FILE [--force] | promote VERSION [--force] | pin | unpin | rollback</c>: the trainer's model
/// registry over gRPC, through the gateway with an API key (<c>--gateway</c>, <c>--key</c> or <c>ATTUNE_API_KEY</c>), or
/// straight at a trainer (<c>--gateway</c> set to its address, no key needed).
/// </summary>
internal static class ModelCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var gateway = new Option<string>("--gateway")
        {
            Description = "Address of the gateway (or a trainer): http://host:port.",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable("ATTUNE_GATEWAY") ?? "http://127.0.0.1:5005",
            Recursive = true,
        };
        var key = new Option<string?>("--key")
        {
            Description = "API key for the gateway (default: $ATTUNE_API_KEY).",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable("ATTUNE_API_KEY"),
            Recursive = true,
        };
        var reason = new Option<string>("--reason") { Description = "Why, recorded with the change.", DefaultValueFactory = _ => "" };
        var version = new Argument<long>("version") { Description = "Model version." };
        var optionalVersion = new Argument<long>("version") { Description = "Model version (default: the model in force).", DefaultValueFactory = _ => 0 };
        var force = new Option<bool>("--force") { Description = "Promote even though the gate rejected it (recorded)." };

        var list = new Command("list", "List the models with their state and the gate's verdict.");
        list.SetAction(p => Call(p.GetValue(gateway)!, p.GetValue(key), output, error, async (client, options) =>
        {
            var reply = await client.ListModelsAsync(new ListModelsRequest { PageSize = 100 }, options);
            Table(output, reply.Models);
        }));

        var show = new Command("show", "Show one model: metrics, gate figures, clusters.") { optionalVersion };
        show.SetAction(p => Call(p.GetValue(gateway)!, p.GetValue(key), output, error, async (client, options) =>
        {
            var reply = await client.GetModelAsync(new GetModelRequest { Version = p.GetValue(optionalVersion) }, options);
            Show(output, reply);
        }));

        var promote = new Command("promote", "Put a model in force.") { version, force, reason };
        promote.SetAction(p => Call(p.GetValue(gateway)!, p.GetValue(key), output, error, async (client, options) =>
        {
            var reply = await client.PromoteModelAsync(
                new PromoteModelRequest { Version = p.GetValue(version), Force = p.GetValue(force), Reason = p.GetValue(reason) ?? "" }, options);
            output.WriteLine(reply.Changed
                ? $"model {reply.Model.Version} is in force{(reply.Model.Forced ? " (forced)" : "")}."
                : $"model {reply.Model.Version} was already in force; nothing changed.");
        }));

        var pin = new Command("pin", "Stop automatic promotion: trained models stay candidates.") { reason };
        pin.SetAction(p => Call(p.GetValue(gateway)!, p.GetValue(key), output, error, async (client, options) =>
        {
            var reply = await client.PinModelAsync(new PinModelRequest { Pinned = true, Reason = p.GetValue(reason) ?? "" }, options);
            output.WriteLine($"pinned: model {reply.ActiveVersion} stays in force until promoted or rolled back by hand.");
        }));

        var unpin = new Command("unpin", "Let the gate promote trained models again.");
        unpin.SetAction(p => Call(p.GetValue(gateway)!, p.GetValue(key), output, error, async (client, options) =>
        {
            var reply = await client.PinModelAsync(new PinModelRequest { Pinned = false }, options);
            output.WriteLine($"unpinned (model {reply.ActiveVersion} in force).");
        }));

        var file = new Argument<string>("file") { Description = "A model file (attune train --out, or a download)." };
        var forceImport = new Option<bool>("--force") { Description = "Put it in force without the gate (recorded)." };
        var import = new Command("import", "Import a model file: checked, stored as a candidate and judged by the gate.") { file, forceImport, reason };
        import.SetAction(p =>
        {
            var path = p.GetValue(file)!;
            if (!File.Exists(path))
            {
                error.WriteLine($"error: model file '{Path.GetFullPath(path)}' does not exist.");
                return 3;
            }

            var bytes = File.ReadAllBytes(path);
            return Call(p.GetValue(gateway)!, p.GetValue(key), output, error, async (client, options) =>
            {
                var m = await ModelUpload.ImportAsync(client, bytes, p.GetValue(forceImport), p.GetValue(reason) ?? "", options);
                output.WriteLine($"imported as model {m.Version} ({bytes.Length} bytes, K = {m.K}): {State(m)}: {m.StateReason}");
            });
        });

        var from = new Option<long>("--from") { Description = "Roll back only if this version is in force (a retried command rolls back once).", DefaultValueFactory = _ => 0 };
        var rollback = new Command("rollback", "Put back the model in force before the current one.") { from, reason };
        rollback.SetAction(p => Call(p.GetValue(gateway)!, p.GetValue(key), output, error, async (client, options) =>
        {
            var reply = await client.RollbackModelAsync(
                new RollbackModelRequest { FromVersion = p.GetValue(from), Reason = p.GetValue(reason) ?? "" }, options);
            output.WriteLine(reply.Changed
                ? $"rolled back from model {reply.PreviousVersion} to model {reply.Model.Version}."
                : $"model {reply.Model.Version} is in force; nothing changed.");
        }));

        return new Command("model", "The trainer's model registry: list, show, import, promote, pin, unpin, rollback.")
        {
            gateway, key, list, show, import, promote, pin, unpin, rollback,
        };
    }

    private static int Call(
        string address, string? key, TextWriter output, TextWriter error,
        Func<TrainerService.TrainerServiceClient, CallOptions, Task> call)
    {
        if (!Uri.TryCreate(address, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            error.WriteLine($"error: --gateway must be an http:// or https:// address, got '{address}'.");
            return 1;
        }

        using var channel = GrpcChannel.ForAddress(uri);
        var client = new TrainerService.TrainerServiceClient(channel);
        var headers = new Metadata();
        if (!string.IsNullOrEmpty(key))
        {
            headers.Add("x-api-key", key);
        }

        try
        {
            call(client, new CallOptions(headers, DateTime.UtcNow.AddSeconds(30))).GetAwaiter().GetResult();
            output.Flush();
            return 0;
        }
        catch (RpcException e)
        {
            error.WriteLine($"error: {e.StatusCode}: {e.Status.Detail}");
            return e.StatusCode is StatusCode.NotFound or StatusCode.FailedPrecondition or StatusCode.InvalidArgument ? 1 : 4;
        }
    }

    private static void Table(TextWriter output, IEnumerable<ModelSummary> models)
    {
        var table = new Table().Border(TableBorder.Simple)
            .AddColumns("version", "state", "K", "users", "comparisons", "created (UTC)", "val. AUC", "gate: macro AUC (vs in force)", "reason");
        foreach (var m in models)
        {
            var gate = m.Gate is { } g
                ? g.AgainstVersion > 0 ? $"{g.CandidateMacroAuc:F3} (vs {g.ActiveMacroAuc:F3} of v{g.AgainstVersion})" : $"{g.CandidateMacroAuc:F3}"
                : "";
            table.AddRow(
                m.Version.ToString(CultureInfo.InvariantCulture), Markup.Escape(State(m)), m.K.ToString(CultureInfo.InvariantCulture),
                m.Users.ToString(CultureInfo.InvariantCulture), m.Comparisons.ToString(CultureInfo.InvariantCulture),
                m.CreatedAt?.ToDateTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "",
                m.ValidationAuc.ToString("F3", CultureInfo.InvariantCulture), Markup.Escape(gate), Markup.Escape(Shorten(m.StateReason)));
        }

        Render(output, table);
    }

    private static void Show(TextWriter output, GetModelReply reply)
    {
        var m = reply.Summary;
        output.WriteLine($"model {m.Version}: {State(m)}{(reply.Pinned ? " (registry pinned)" : "")}");
        output.WriteLine($"  {m.StateReason}");
        output.WriteLine($"  K = {m.K}, {m.Users} users, {m.Comparisons} comparisons, featurizer {reply.Featurizer}");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  validation: AUC {reply.Metrics.ValidationAuc:F3}, log-loss {reply.Metrics.ValidationLogLoss:F3}, {reply.Metrics.TrainingSeconds:F1} s to train"));
        if (m.Gate is { } g)
        {
            output.WriteLine($"  gate: {(g.Passed ? "passed" : "failed")}: {g.Verdict}");
            if (g.Dropped.Count > 0)
            {
                output.WriteLine("  training data set aside: " + string.Join(", ", g.Dropped.OrderBy(d => d.Key, StringComparer.Ordinal).Select(d => $"{d.Key} {d.Value}")));
            }
        }

        foreach (var f in reply.BaseFunctions)
        {
            output.WriteLine($"  function {f.Index + 1}: {f.Name}");
            output.WriteLine($"    high: \"{f.HighExample}\"");
            output.WriteLine($"    low:  \"{f.LowExample}\"");
        }

        output.WriteLine($"  clusters: {string.Join(", ", reply.Clusters.Select(c => $"#{c.Index + 1} ({c.Size} users)"))}");
    }

    private static string State(ModelSummary m) => m.State switch
    {
        ModelState.Active => m.Forced ? "active (forced)" : "active",
        ModelState.Candidate => "candidate",
        ModelState.Rejected => "rejected",
        ModelState.Retired => "retired",
        _ => "unknown",
    };

    private static string Shorten(string text) => text.Length <= 70 ? text : text[..67] + "...";

    private static void Render(TextWriter output, Table table)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
        });
        console.Profile.Width = 200;
        console.Write(table);
    }
}
