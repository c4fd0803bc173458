using Attune.Adapter.Options;
using Attune.Contracts.V1;
using Grpc.Core;
using Attune.Storage;
using Microsoft.Extensions.Options;

namespace Attune.Adapter.Domain;

/// <summary>
/// SubmitAnswer: records the answer durably through FeedbackService.RecordComparison first (so feedback stays the
/// system of record and publishes FeedbackRecorded), then stores it under the returned comparison id and refits the user
/// at once. The later FeedbackRecorded event finds that id stored and changes nothing.
/// </summary>
public sealed class AnswerSubmitter(ProfileBook book, Peers peers, TimeProvider clock, IOptions<AdapterOptions> options)
{
    /// <summary>Records the answer and returns the comparison id with the refitted profile.</summary>
    /// <exception cref="RpcException">FAILED_PRECONDITION without a model; UNAVAILABLE when feedback cannot store it (nothing changed).</exception>
    public async Task<(string ComparisonId, UserProfile Profile)> SubmitAsync(
        string userId, QueryCandidate pair, double preference, string? clientId, CancellationToken cancellationToken)
    {
        var model = book.RequireModel();
        var feedback = peers.Feedback ?? throw new RpcException(
            new Status(StatusCode.Unavailable, $"No feedback service is configured ({Peers.FeedbackKey}); nothing was recorded."));
        RecordComparisonReply reply;
        try
        {
            reply = await feedback.RecordComparisonAsync(
                new RecordComparisonRequest
                {
                    Comparison = new Comparison
                    {
                        UserId = userId,
                        ClientId = clientId ?? "",
                        Prompt = pair.Prompt,
                        ResponseA = pair.ResponseA,
                        ResponseB = pair.ResponseB,
                        Preference = preference,
                    },
                },
                new CallOptions(deadline: DateTime.UtcNow + options.Value.FeedbackTimeout, cancellationToken: cancellationToken));
        }
        catch (RpcException e) when (e.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded or StatusCode.Internal
                                         or StatusCode.Unknown or StatusCode.Unimplemented)
        {
            throw new RpcException(new Status(StatusCode.Unavailable, $"The feedback service could not record the answer ({e.Status.Detail}); nothing changed. Retry later."));
        }

        var id = Guid.Parse(reply.ComparisonId);
        await book.AddAnswerAsync(
            new ProfileAnswer(id, userId, pair.Prompt, pair.ResponseA, pair.ResponseB, preference, clock.GetUtcNow()), null, cancellationToken);

        // The model may have switched meanwhile: read the profile in whatever model is in force now.
        var profile = await book.GetAsync(book.Current ?? model, userId, cancellationToken);
        return (reply.ComparisonId, profile);
    }
}
