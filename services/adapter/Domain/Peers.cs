using Attune.Rpc;

namespace Attune.Adapter.Domain;

/// <summary>
/// Channels to the services the adapter calls: the trainer (<c>Services:Trainer</c>, model downloads) and feedback
/// (<c>Services:Feedback</c>, SubmitAnswer). Either may be unset: without a trainer the adapter serves its stored copy of
/// the model; without feedback SubmitAnswer answers UNAVAILABLE.
/// </summary>
public sealed class Peers(IConfiguration configuration) : IDisposable
{
    /// <summary>Configuration key of the trainer's address.</summary>
    public const string TrainerKey = "Services:Trainer";

    /// <summary>Configuration key of the feedback service's address.</summary>
    public const string FeedbackKey = "Services:Feedback";

    private readonly Lazy<GrpcChannel?> _trainer = new(() => Open(configuration, TrainerKey));
    private readonly Lazy<GrpcChannel?> _feedback = new(() => Open(configuration, FeedbackKey));

    /// <summary>The trainer, or null when not configured.</summary>
    public GrpcChannel? Trainer => _trainer.Value;

    /// <summary>The feedback service, or null when not configured.</summary>
    public GrpcChannel? Feedback => _feedback.Value;

    public void Dispose()
    {
        if (_trainer.IsValueCreated)
        {
            _trainer.Value?.Dispose();
        }

        if (_feedback.IsValueCreated)
        {
            _feedback.Value?.Dispose();
        }
    }

    private static GrpcChannel? Open(IConfiguration configuration, string key)
    {
        var address = configuration[key];
        if (string.IsNullOrWhiteSpace(address))
        {
            return null;
        }

        return Uri.TryCreate(address, UriKind.Absolute, out var uri)
            ? GrpcChannel.ForAddress(uri)
            : throw new InvalidOperationException($"{key} must be an absolute address such as http://127.0.0.1:5002; got '{address}'.");
    }
}
