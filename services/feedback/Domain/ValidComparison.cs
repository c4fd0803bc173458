namespace Attune.Feedback.Domain;

/// <summary>A comparison whose fields passed validation (see <see cref="Grpc.FeedbackGrpcService"/>).</summary>
public sealed record ValidComparison(
    string? ClientId, string UserId, string Prompt, string ResponseA, string ResponseB, double Preference);
