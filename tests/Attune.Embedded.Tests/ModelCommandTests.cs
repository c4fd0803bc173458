using Attune.Cli;
using Attune.Contracts.V1;

namespace Attune.Embedded.Tests;

/// <summary>
/// <c>attune model</c> against the embedded stack, through its gateway with the run's demo key: the table lists the
/// model in force, show prints the gate's verdict, pin and unpin reach the registry, promoting the model in force changes
/// nothing, an unknown version and a missing key are refused with the server's status.
/// </summary>
public sealed class ModelCommandTests(EmbeddedStackFixture stack) : IClassFixture<EmbeddedStackFixture>
{
    private (int Code, string Output, string Error) Attune(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = AttuneCommand.Run([.. args, "--gateway", stack.Stack.Gateway.ToString(), "--key", stack.Stack.DemoKey], output, error);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task ModelCommands_throughTheGateway_listShowPinPromoteAndRefuse()
    {
        var inForce = (await new TrainerService.TrainerServiceClient(stack.Trainer).GetModelAsync(
            new GetModelRequest(), cancellationToken: TestContext.Current.CancellationToken)).Summary;

        var list = Attune("model", "list");
        var show = Attune("model", "show");
        var pin = Attune("model", "pin", "--reason", "test freeze");
        var pinned = await new TrainerService.TrainerServiceClient(stack.Trainer).GetModelAsync(
            new GetModelRequest(), cancellationToken: TestContext.Current.CancellationToken);
        var unpin = Attune("model", "unpin");
        var promote = Attune("model", "promote", inForce.Version.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var unknown = Attune("model", "promote", "999");
        using var noKeyOut = new StringWriter();
        using var noKeyErr = new StringWriter();
        var noKey = AttuneCommand.Run(["model", "list", "--gateway", stack.Stack.Gateway.ToString(), "--key", ""], noKeyOut, noKeyErr);

        Assert.Equal(0, list.Code);
        var row = list.Output.Split('\n').Single(l => l.TrimStart().StartsWith(inForce.Version + " ", StringComparison.Ordinal));
        Assert.Contains("active", row, StringComparison.Ordinal);
        Assert.Equal(0, show.Code);
        Assert.Contains($"model {inForce.Version}: active", show.Output, StringComparison.Ordinal);
        Assert.Contains("gate: passed", show.Output, StringComparison.Ordinal);
        Assert.Equal((0, true), (pin.Code, pinned.Pinned));
        Assert.Equal(0, unpin.Code);
        Assert.Equal(0, promote.Code);
        Assert.Contains("already in force", promote.Output, StringComparison.Ordinal);
        Assert.Equal(1, unknown.Code);
        Assert.Contains("NotFound", unknown.Error, StringComparison.Ordinal);
        Assert.Equal(4, noKey);
        Assert.Contains("Unauthenticated", noKeyErr.ToString(), StringComparison.Ordinal);
        Assert.False((await new TrainerService.TrainerServiceClient(stack.Trainer).GetModelAsync(
            new GetModelRequest(), cancellationToken: TestContext.Current.CancellationToken)).Pinned);
    }
}
