using Attune.Adapter.Domain;
using Attune.Adapter.Options;
using Attune.Contracts.V1;
using Attune.Ml.Active;
using Grpc.Core;
using static Attune.ServiceDefaults.FieldValidation;

namespace Attune.Adapter.Grpc;

/// <summary>attune.v1.AdapterService: validates requests and hands them to the profile domain services.</summary>
public sealed class AdapterGrpcService(ProfileBook book, QueryPlanner planner, AnswerSubmitter submitter) : AdapterService.AdapterServiceBase
{

    public override async Task<GetProfileReply> GetProfile(GetProfileRequest request, ServerCallContext context)
    {
        var userId = RequireId(request.UserId, "user_id");
        var model = book.RequireModel();
        return new GetProfileReply { Profile = ProfileMapping.MapToProfile(model, await book.GetAsync(model, userId, context.CancellationToken)) };
    }

    public override async Task<NextQueryReply> NextQuery(NextQueryRequest request, ServerCallContext context)
    {
        var userId = RequireId(request.UserId, "user_id");
        if (request.Candidates.Count > AdapterOptions.MaxRequestCandidates)
        {
            throw new RpcException(new Status(StatusCode.ResourceExhausted,
                $"candidates: at most {AdapterOptions.MaxRequestCandidates} per request; got {request.Candidates.Count}."));
        }

        var strategy = ParseStrategy(request.Strategy);
        var candidates = request.Candidates.Select((c, i) => ValidatePair(c, $"candidates[{i}]")).ToList();
        var choice = await planner.NextAsync(userId, candidates, strategy, request.Seed, context.CancellationToken);
        return new NextQueryReply
        {
            Pair = new CandidatePair
            {
                PairId = choice.Pair.PairId, Prompt = choice.Pair.Prompt, ResponseA = choice.Pair.ResponseA, ResponseB = choice.Pair.ResponseB,
            },
            Score = choice.Score,
            PredictedPreference = choice.PredictedPreference,
        };
    }

    public override async Task<SubmitAnswerReply> SubmitAnswer(SubmitAnswerRequest request, ServerCallContext context)
    {
        var userId = RequireId(request.UserId, "user_id");
        var pair = ValidatePair(request.Pair, "pair");
        var preference = RequireProbability(request.Preference, "preference");
        var clientId = OptionalId(request.ClientId, "client_id");
        var (comparisonId, profile) = await submitter.SubmitAsync(userId, pair, preference, clientId, context.CancellationToken);
        var model = book.Current!;
        return new SubmitAnswerReply { ComparisonId = comparisonId, Profile = ProfileMapping.MapToProfile(model.Version == profile.ModelVersion ? model : null, profile) };
    }

    public override async Task<ScoreReply> Score(ScoreRequest request, ServerCallContext context)
    {
        var userId = RequireId(request.UserId, "user_id");
        var prompt = RequireText(request.Prompt, "prompt");
        if (request.Responses.Count == 0)
        {
            throw Invalid("responses", "at least one response is required");
        }

        if (request.Responses.Count > AdapterOptions.MaxScoredResponses)
        {
            throw new RpcException(new Status(StatusCode.ResourceExhausted,
                $"responses: at most {AdapterOptions.MaxScoredResponses} per request; got {request.Responses.Count}."));
        }

        var responses = request.Responses.Select((r, i) => RequireText(r, $"responses[{i}]")).ToList();
        var model = book.RequireModel();
        var profile = await book.GetAsync(model, userId, context.CancellationToken);
        var reply = new ScoreReply { ModelVersion = model.Version };
        for (int i = 0; i < responses.Count; i++)
        {
            var phi = model.Phi(prompt, responses[i]);
            reply.Scores.Add(new ScoredResponse
            {
                Index = i,
                Reward = Gaussian.Mean(profile.Mean, phi),
                StdDev = Gaussian.StdDev(profile.Covariance, phi),
                PopulationReward = Gaussian.Mean(model.Prior.Mean, phi),
            });
        }

        return reply;
    }

    public override async Task<CompareReply> Compare(CompareRequest request, ServerCallContext context)
    {
        var userId = RequireId(request.UserId, "user_id");
        var prompt = RequireText(request.Prompt, "prompt");
        var a = RequireText(request.ResponseA, "response_a");
        var b = RequireText(request.ResponseB, "response_b");
        var model = book.RequireModel();
        var profile = await book.GetAsync(model, userId, context.CancellationToken);
        var z = model.Difference(prompt, a, b);
        var margin = Gaussian.Mean(profile.Mean, z);
        return new CompareReply
        {
            Preference = Gaussian.Sigmoid(margin),
            Margin = margin,
            MarginStdDev = Gaussian.StdDev(profile.Covariance, z),
        };
    }

    private static QueryStrategy ParseStrategy(string strategy) => strategy.Trim().ToLowerInvariant() switch
    {
        "" or "uncertainty" => QueryStrategy.Uncertainty,
        "information_gain" => QueryStrategy.InformationGain,
        "random" => QueryStrategy.Random,
        _ => throw Invalid("strategy", $"must be uncertainty, information_gain or random; got '{strategy}'"),
    };

    private static QueryCandidate ValidatePair(CandidatePair? pair, string field)
    {
        if (pair is null)
        {
            throw Invalid(field, "is required");
        }

        var pairId = OptionalId(pair.PairId, $"{field}.pair_id") ?? "";
        var prompt = RequireText(pair.Prompt, $"{field}.prompt");
        var a = RequireText(pair.ResponseA, $"{field}.response_a");
        var b = RequireText(pair.ResponseB, $"{field}.response_b");
        if (string.Equals(a, b, StringComparison.Ordinal))
        {
            throw Invalid($"{field}.response_b", "must differ from response_a");
        }

        return new QueryCandidate(pairId, prompt, a, b);
    }
}
