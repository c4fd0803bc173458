using Attune.Contracts.V1;
using Grpc.Core;
using Grpc.Health.V1;

namespace Attune.Adapter.Tests;

public sealed class NoModelTests(NoModelAdapterFixture adapter) : IClassFixture<NoModelAdapterFixture>
{
    [Theory]
    [InlineData("GetProfile")]
    [InlineData("NextQuery")]
    [InlineData("Score")]
    [InlineData("Compare")]
    [InlineData("SubmitAnswer")]
    public async Task Rpc_noModelYet_failedPrecondition(string call)
    {
        var c = adapter.Client;
        var pair = new CandidatePair { Prompt = Texts.Prompt(0), ResponseA = Texts.Formal(0), ResponseB = Texts.Casual(0) };
        Func<Task> act = call switch
        {
            "GetProfile" => () => c.GetProfileAsync(new GetProfileRequest { UserId = "u" }).ResponseAsync,
            "NextQuery" => () => c.NextQueryAsync(new NextQueryRequest { UserId = "u", Candidates = { pair } }).ResponseAsync,
            "Score" => () => c.ScoreAsync(new ScoreRequest { UserId = "u", Prompt = pair.Prompt, Responses = { pair.ResponseA } }).ResponseAsync,
            "Compare" => () => c.CompareAsync(new CompareRequest { UserId = "u", Prompt = pair.Prompt, ResponseA = pair.ResponseA, ResponseB = pair.ResponseB }).ResponseAsync,
            _ => () => c.SubmitAnswerAsync(new SubmitAnswerRequest { UserId = "u", Pair = pair, Preference = 1 }).ResponseAsync,
        };

        var e = await Assert.ThrowsAsync<RpcException>(act);

        Assert.Equal(StatusCode.FailedPrecondition, e.StatusCode);
        Assert.Contains("No model", e.Status.Detail, StringComparison.Ordinal);
        Assert.Empty(adapter.Peers.State.Recorded);
    }

    [Fact]
    public async Task Health_noModelYet_processServingButAdapterServiceNotServing()
    {
        var health = new Health.HealthClient(adapter.Channel);

        var overall = await health.CheckAsync(new HealthCheckRequest { Service = "" });
        var service = await health.CheckAsync(new HealthCheckRequest { Service = AdapterService.Descriptor.FullName });
        var self = await health.CheckAsync(new HealthCheckRequest { Service = "self" });

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, overall.Status);
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, self.Status);
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.NotServing, service.Status);
    }
}
