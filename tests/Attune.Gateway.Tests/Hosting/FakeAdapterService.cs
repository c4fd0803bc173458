using Attune.Contracts.V1;
using Attune.Rpc;
using Google.Protobuf.Reflection;

namespace Attune.Gateway.Tests.Hosting;

/// <summary>
/// A stand-in attune.v1.AdapterService whose answers a test steers by user name: <c>status-N</c> fails with gRPC status
/// N naming a field; any other user gets a two-function profile, and NextQuery echoes the user it was asked for.
/// </summary>
public sealed class FakeAdapterService : IGrpcService
{
    /// <inheritdoc />
    public static ServiceDescriptor Descriptor => AdapterReflection.Descriptor.Services[0];

    public Task<GetProfileReply> GetProfile(GetProfileRequest request, ServerCallContext context)
    {
        FailIfAsked(request.UserId);
        return Task.FromResult(new GetProfileReply { Profile = Profile(request.UserId) });
    }

    public Task<NextQueryReply> NextQuery(NextQueryRequest request, ServerCallContext context)
    {
        FailIfAsked(request.UserId);
        return Task.FromResult(new NextQueryReply
        {
            Pair = new CandidatePair { PairId = $"for-{request.UserId}-{request.Strategy}", Prompt = "p", ResponseA = "a", ResponseB = "b" },
            Score = 0.5,
            PredictedPreference = 0.5,
        });
    }

    public Task<SubmitAnswerReply> SubmitAnswer(SubmitAnswerRequest request, ServerCallContext context)
    {
        FailIfAsked(request.UserId);
        var profile = Profile(request.UserId);
        profile.Answers = 1;
        profile.ColdStart = false;
        return Task.FromResult(new SubmitAnswerReply { Profile = profile, ComparisonId = $"c-{request.Preference}" });
    }

    public Task<ScoreReply> Score(ScoreRequest request, ServerCallContext context)
    {
        FailIfAsked(request.UserId);
        var reply = new ScoreReply { ModelVersion = 7 };
        for (var i = 0; i < request.Responses.Count; i++)
        {
            reply.Scores.Add(new ScoredResponse { Index = i, Reward = i, StdDev = 0.1, PopulationReward = -i });
        }

        return Task.FromResult(reply);
    }

    public Task<CompareReply> Compare(CompareRequest request, ServerCallContext context) =>
        Task.FromResult(new CompareReply { Preference = 0.5 });

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
            throw new RpcException((StatusCode)int.Parse(user["status-".Length..], System.Globalization.CultureInfo.InvariantCulture), "user_id: as asked");
        }
    }
}
