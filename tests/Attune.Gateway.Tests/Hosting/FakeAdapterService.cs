using System.Globalization;
using Attune.Contracts.V1;
using Grpc.Core;

namespace Attune.Gateway.Tests.Hosting;

/// <summary>
/// A stand-in attune.v1.AdapterService whose answers a test steers by user name: <c>status-N</c> fails with gRPC status
/// N; any other user gets a two-function profile (model version 7), and NextQuery names the user it was asked for.
/// </summary>
public sealed class FakeAdapterService : AdapterService.AdapterServiceBase
{
    /// <inheritdoc />
    public override Task<GetProfileReply> GetProfile(GetProfileRequest request, ServerCallContext context)
    {
        FailIfAsked(request.UserId);
        return Task.FromResult(new GetProfileReply { Profile = Profile(request.UserId) });
    }

    /// <inheritdoc />
    public override Task<NextQueryReply> NextQuery(NextQueryRequest request, ServerCallContext context)
    {
        FailIfAsked(request.UserId);
        return Task.FromResult(new NextQueryReply
        {
            Pair = new CandidatePair { PairId = $"for-{request.UserId}-{request.Strategy}", Prompt = "p", ResponseA = "a", ResponseB = "b" },
            Score = 0.5,
            PredictedPreference = 0.5,
        });
    }

    /// <inheritdoc />
    public override Task<SubmitAnswerReply> SubmitAnswer(SubmitAnswerRequest request, ServerCallContext context)
    {
        FailIfAsked(request.UserId);
        var profile = Profile(request.UserId);
        profile.Answers = 1;
        profile.ColdStart = false;
        return Task.FromResult(new SubmitAnswerReply { Profile = profile, ComparisonId = $"c-{request.Pair?.PairId}-{request.Preference.ToString(CultureInfo.InvariantCulture)}" });
    }

    private static Profile Profile(string user) => new()
    {
        UserId = user,
        ModelVersion = 7,
        Weights = new UserWeights { Mean = { 0.5, -0.25 }, Covariance = { 1, 0, 0, 1 } },
        ColdStart = true,
        Cluster = new ClusterAssignment { Cluster = 1, Similarity = 0.9 },
    };

    private static void FailIfAsked(string user)
    {
        if (user.StartsWith("status-", StringComparison.Ordinal))
        {
            throw new RpcException(new Status((StatusCode)int.Parse(user["status-".Length..], CultureInfo.InvariantCulture), "user_id: as asked"));
        }
    }
}
