using Attune.Contracts.V1;
using Grpc.Core;

namespace Attune.Generator.Tests;

/// <summary>A slow, failing or unreachable backend or adapter, and an adapter without a model.</summary>
public sealed class FailureTests(StackFixture stack) : IClassFixture<StackFixture>
{
    private static GenerateRequest Request(GenerationStrategy strategy = GenerationStrategy.BestOfN) =>
        new() { UserId = StackFixture.CasualUser, Prompt = StylesTexts.Prompt, N = 2, Strategy = strategy };

    [Theory]
    [InlineData(GenerationStrategy.BestOfN)]
    [InlineData(GenerationStrategy.Blockwise)]
    public async Task Generate_slowBackend_deadlineExceeded(GenerationStrategy strategy)
    {
        stack.Llm.State.Reset(StylesTexts.Candidates);
        stack.Llm.State.Delay = TimeSpan.FromSeconds(30);
        await using var generator = GeneratorHost.Start(stack.Settings);

        var e = await Assert.ThrowsAsync<RpcException>(() =>
            generator.Client.GenerateAsync(Request(strategy), new CallOptions(deadline: DateTime.UtcNow + TimeSpan.FromMilliseconds(800))).ResponseAsync);

        Assert.Equal(StatusCode.DeadlineExceeded, e.StatusCode);
    }

    [Fact]
    public async Task Generate_slowBackendWithoutCallerDeadline_deadlineExceededAtBackendTimeout()
    {
        stack.Llm.State.Reset(StylesTexts.Candidates);
        stack.Llm.State.Delay = TimeSpan.FromSeconds(30);
        var settings = stack.Settings;
        settings["Generator:Backend:Timeout"] = "00:00:00.500";
        await using var generator = GeneratorHost.Start(settings);

        var e = await Assert.ThrowsAsync<RpcException>(() => generator.Client.GenerateAsync(Request()).ResponseAsync);

        Assert.Equal(StatusCode.DeadlineExceeded, e.StatusCode);
        Assert.Contains("did not answer", e.Status.Detail);
    }

    [Fact]
    public async Task Generate_backend500_unavailableNamingTheStatus()
    {
        stack.Llm.State.Reset(StylesTexts.Candidates);
        stack.Llm.State.FailWith = 500;
        await using var generator = GeneratorHost.Start(stack.Settings);

        var e = await Assert.ThrowsAsync<RpcException>(() => generator.Client.GenerateAsync(Request()).ResponseAsync);

        Assert.Equal(StatusCode.Unavailable, e.StatusCode);
        Assert.Contains("500", e.Status.Detail);
        Assert.Equal(1, stack.Llm.State.Requests);
    }

    [Fact]
    public async Task Generate_backend503_retriedThenUnavailable()
    {
        stack.Llm.State.Reset(StylesTexts.Candidates);
        stack.Llm.State.FailWith = 503;
        var settings = stack.Settings;
        settings["Generator:Backend:MaxAttempts"] = "3";
        await using var generator = GeneratorHost.Start(settings);

        var e = await Assert.ThrowsAsync<RpcException>(() => generator.Client.GenerateAsync(Request()).ResponseAsync);

        Assert.Equal(StatusCode.Unavailable, e.StatusCode);
        Assert.Contains("503", e.Status.Detail);
        Assert.Equal(3, stack.Llm.State.Requests);
    }

    [Fact]
    public async Task Generate_backendRefusesConnections_unavailable()
    {
        var settings = stack.Settings;
        settings["Generator:Backend:Url"] = GeneratorHost.ClosedAddress();
        await using var generator = GeneratorHost.Start(settings);

        var e = await Assert.ThrowsAsync<RpcException>(() => generator.Client.GenerateAsync(Request()).ResponseAsync);

        Assert.Equal(StatusCode.Unavailable, e.StatusCode);
        Assert.Contains("cannot be reached", e.Status.Detail);
    }

    [Fact]
    public async Task Generate_adapterDown_unavailableNamingTheAdapter()
    {
        stack.Llm.State.Reset(StylesTexts.Candidates);
        var settings = stack.Settings;
        settings["Services:Adapter"] = GeneratorHost.ClosedAddress();
        await using var generator = GeneratorHost.Start(settings);

        var e = await Assert.ThrowsAsync<RpcException>(() => generator.Client.GenerateAsync(Request()).ResponseAsync);

        Assert.Equal(StatusCode.Unavailable, e.StatusCode);
        Assert.Contains("adapter", e.Status.Detail);
    }

    [Fact]
    public async Task Generate_adapterNotConfigured_unavailable()
    {
        stack.Llm.State.Reset(StylesTexts.Candidates);
        var settings = stack.Settings;
        settings.Remove("Services:Adapter");
        await using var generator = GeneratorHost.Start(settings);

        var e = await Assert.ThrowsAsync<RpcException>(() => generator.Client.GenerateAsync(Request()).ResponseAsync);

        Assert.Equal(StatusCode.Unavailable, e.StatusCode);
        Assert.Contains("Services:Adapter", e.Status.Detail);
    }

    [Fact]
    public async Task Generate_adapterWithoutModel_failedPreconditionPassedThrough()
    {
        stack.Llm.State.Reset(StylesTexts.Candidates);
        await using var empty = await AdapterHost.StartAsync(withModel: false);
        var settings = stack.Settings;
        settings["Services:Adapter"] = empty.Address;
        await using var generator = GeneratorHost.Start(settings);

        var e = await Assert.ThrowsAsync<RpcException>(() => generator.Client.GenerateAsync(Request()).ResponseAsync);

        Assert.Equal(StatusCode.FailedPrecondition, e.StatusCode);
    }
}
