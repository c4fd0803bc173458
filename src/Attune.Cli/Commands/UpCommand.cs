using System.CommandLine;
using Attune.Cli.Embedded;
using Grpc.Core;
using Grpc.Net.Client;

namespace Attune.Cli.Commands;

/// <summary>
/// <c>attune up [--data DIR] [--port N] [--no-demo] [--demo-comparisons N] [--model FILE]</c>: the embedded stack on
/// 127.0.0.1 with SQLite files and the in-memory bus, seeded with the demo population, until Ctrl+C or SIGTERM. With
/// <c>--model</c>, the file (e.g. <c>attune train --out</c>) is imported and put in force before anything else.
/// </summary>
internal static class UpCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var data = new Option<string>("--data")
        {
            Description = "Folder of the services' SQLite files (created when missing).",
            DefaultValueFactory = _ => ".data/embedded",
        };
        var port = new Option<int>("--port")
        {
            Description = "Feedback's port; trainer, adapter, generator, gateway (gRPC) and the page take the next five. 0 picks free ports.",
            DefaultValueFactory = _ => 5001,
        };
        var noDemo = new Option<bool>("--no-demo") { Description = "Do not seed the demo population (the demo world's 48 simulated users)." };
        var demoComparisons = new Option<int>("--demo-comparisons")
        {
            Description = "Comparisons each of the 48 demo users gives when seeding.",
            DefaultValueFactory = _ => 100,
        };
        var model = new Option<string?>("--model") { Description = "A model file to import and put in force at start (attune train --out)." };
        var command = new Command("up", "Run feedback, trainer, adapter and the gateway with its page on this machine: SQLite files, in-memory bus, no servers to install.")
        {
            data, port, noDemo, demoComparisons, model,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            EmbeddedOptions options;
            try
            {
                options = new EmbeddedOptions(parse.GetValue(data)!, parse.GetValue(port), !parse.GetValue(noDemo), parse.GetValue(demoComparisons));
            }
            catch (ArgumentException e)
            {
                error.WriteLine($"error: {e.Message}");
                return 1;
            }

            var modelFile = parse.GetValue(model);
            if (modelFile is not null && !File.Exists(modelFile))
            {
                error.WriteLine($"error: model file '{Path.GetFullPath(modelFile)}' does not exist.");
                return 3;
            }

            return await RunAsync(options, modelFile, output, error, cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(
        EmbeddedOptions options, string? modelFile, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        output.WriteLine($"attune up: starting the services (data in {options.DataDirectory})");
        EmbeddedStack stack;
        try
        {
            stack = await EmbeddedStack.StartAsync(options, cancellationToken);
        }
        catch (IOException e)
        {
            error.WriteLine($"error: a service could not start: {e.Message} (is another attune up running? try --port)");
            return 4;
        }

        await using (stack)
        {
            using var feedback = GrpcChannel.ForAddress(stack.Feedback);
            using var trainer = GrpcChannel.ForAddress(stack.Trainer);
            using var adapter = GrpcChannel.ForAddress(stack.Adapter);
            var shutdown = stack.WaitForShutdownAsync(cancellationToken);
            try
            {
                if (modelFile is not null)
                {
                    try
                    {
                        var imported = await ImportAsync(trainer, adapter, modelFile, cancellationToken);
                        output.WriteLine($"  model {imported.Version} imported from {Path.GetFileName(modelFile)} and in force: K = {imported.K}");
                    }
                    catch (RpcException e)
                    {
                        error.WriteLine($"error: the model file could not be imported: {e.StatusCode}: {e.Status.Detail}");
                        return 1;
                    }
                }

                if (options.Demo)
                {
                    var stored = await DemoPopulation.SeedAsync(feedback, options.DemoComparisonsPerUser, cancellationToken);
                    output.WriteLine(stored > 0
                        ? $"  demo population: {stored} comparisons from the {DemoPopulation.Users} simulated users of the demo world"
                        : "  demo population: the feedback store already holds comparisons; nothing seeded");
                    // Only a fresh seeding waits for its model: a restart serves the stored one (or none yet) at once.
                    if (stored > 0)
                    {
                        var ready = DemoPopulation.WaitForModelAsync(
                            trainer, adapter, stored, stack.TrainerHoldsAsync, new InlineProgress<string>(s => output.WriteLine($"  {s}")), cancellationToken);
                        if (await Task.WhenAny(ready, shutdown) == ready)
                        {
                            var model = await ready;
                            var heldOut = model.Gate?.Dropped.GetValueOrDefault("held_out") ?? 0;
                            output.WriteLine($"  model {model.Version} in force: K = {model.K}, {model.Users} users, trained on {model.Comparisons} comparisons " +
                                             $"({heldOut} held out for the gate), validation AUC {model.ValidationAuc:F3}");
                        }
                    }
                }

                foreach (var (name, address) in stack.Services)
                {
                    output.WriteLine($"  {name,-9} {address}");
                }

                output.WriteLine($"  demo key  {stack.DemoKey} (x-api-key at the gateway, this run only)");
                output.WriteLine($"page: {stack.PageUrl}");
                output.WriteLine($"ready: open the page, or connect gRPC clients to the gateway (or the services directly). Ctrl+C stops.");
                await shutdown;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
            }
        }

        output.WriteLine("attune up: stopped");
        return 0;
    }

    /// <summary>Imports <paramref name="path"/> into the trainer, in force at once, and waits until the adapter serves it.</summary>
    private static async Task<Contracts.V1.ModelSummary> ImportAsync(
        GrpcChannel trainer, GrpcChannel adapter, string path, CancellationToken cancellationToken)
    {
        var bytes = await File.ReadAllBytesAsync(path, cancellationToken);
        var model = await ModelUpload.ImportAsync(
            new Contracts.V1.TrainerService.TrainerServiceClient(trainer), bytes, force: true,
            $"attune up --model {Path.GetFileName(path)}", new CallOptions(cancellationToken: cancellationToken));
        var adapterClient = new Contracts.V1.AdapterService.AdapterServiceClient(adapter);
        while (true)
        {
            try
            {
                var served = await adapterClient.GetProfileAsync(
                    new Contracts.V1.GetProfileRequest { UserId = "attune-up-probe" }, cancellationToken: cancellationToken);
                if (served.Profile.ModelVersion == model.Version)
                {
                    return model;
                }
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.FailedPrecondition)
            {
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
        }
    }
}
