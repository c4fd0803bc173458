using System.CommandLine;
using Attune.Cli.Embedded;
using Grpc.Core;
using Grpc.Net.Client;

namespace Attune.Cli.Commands;

/// <summary>
/// <c>attune up [--data DIR] [--port N] [--no-demo] [--demo-comparisons N]</c>: the embedded stack on 127.0.0.1 with
/// SQLite files and the in-memory bus, seeded with the demo population, until Ctrl+C or SIGTERM.
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
        var noDemo = new Option<bool>("--no-demo") { Description = "Do not seed the demo population (styles world)." };
        var demoComparisons = new Option<int>("--demo-comparisons")
        {
            Description = "Comparisons each of the 84 demo users gives when seeding.",
            DefaultValueFactory = _ => 40,
        };
        var command = new Command("up", "Run feedback, trainer, adapter and the gateway with its page on this machine: SQLite files, in-memory bus, no servers to install.")
        {
            data, port, noDemo, demoComparisons,
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

            return await RunAsync(options, output, error, cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(EmbeddedOptions options, TextWriter output, TextWriter error, CancellationToken cancellationToken)
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
                if (options.Demo)
                {
                    var stored = await DemoPopulation.SeedAsync(feedback, options.DemoComparisonsPerUser, cancellationToken);
                    output.WriteLine(stored > 0
                        ? $"  demo population: {stored} comparisons from the 84 users of the styles world"
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
}
