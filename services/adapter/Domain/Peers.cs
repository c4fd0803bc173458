using Attune.Contracts.V1;

namespace Attune.Adapter.Domain;

/// <summary>
/// The services the adapter calls, as Grpc.Net.ClientFactory clients: the trainer (<c>Services:Trainer</c>, model
/// downloads) and feedback (<c>Services:Feedback</c>, SubmitAnswer). Either may be unset: without a trainer the adapter
/// serves its stored copy of the model; without feedback SubmitAnswer answers UNAVAILABLE.
/// </summary>
public sealed class Peers(IServiceProvider services)
{
    /// <summary>Configuration key of the trainer's address.</summary>
    public const string TrainerKey = "Services:Trainer";

    /// <summary>Configuration key of the feedback service's address.</summary>
    public const string FeedbackKey = "Services:Feedback";

    /// <summary>The trainer, or null when not configured.</summary>
    public TrainerService.TrainerServiceClient? Trainer => services.GetService<TrainerService.TrainerServiceClient>();

    /// <summary>The feedback service, or null when not configured.</summary>
    public FeedbackService.FeedbackServiceClient? Feedback => services.GetService<FeedbackService.FeedbackServiceClient>();
}
