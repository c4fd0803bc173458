using Attune.Contracts.Messages;
using Attune.Storage;

namespace Attune.Trainer.Training;

/// <summary>
/// Handles the TrainModel command: at most one job per request id (standalone inbox receipt, taken before starting:
/// a crash in between loses the command rather than training twice). A command that arrives while a job runs, or
/// with too little feedback, is logged and dropped: the running job or the threshold watcher covers it.
/// </summary>
public sealed partial class TrainingCommands(IInbox inbox, TrainingOrchestrator orchestrator, ILogger<TrainingCommands> logger)
{
    /// <summary>Inbox consumer name; stable across releases.</summary>
    public const string Consumer = "trainer.TrainModel";

    /// <summary>Starts the job the command asks for, if it is valid, new, and nothing else runs.</summary>
    public async Task HandleAsync(TrainModel command, CancellationToken cancellationToken)
    {
        if (command.K is < 0 or > TrainingLimits.MaxRank || command.Seed is < int.MinValue or > int.MaxValue)
        {
            LogInvalid(command.RequestId, command.K, command.Seed);
            return;
        }

        if (!await inbox.TryMarkProcessedAsync(Consumer, command.RequestId, cancellationToken))
        {
            return;
        }

        var reason = string.IsNullOrWhiteSpace(command.Reason) ? TrainingRequest.ManualReason : command.Reason.Trim();
        try
        {
            await orchestrator.StartAsync(
                new TrainingRequest(command.K == 0 ? null : command.K, null, (int)command.Seed, reason), cancellationToken);
        }
        catch (Exception e) when (e is TrainingInProgressException or InsufficientFeedbackException)
        {
            LogDropped(command.RequestId, e.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "TrainModel {RequestId} dropped: K = {K} must be in [0, 64] and seed = {Seed} fit in 32 bits")]
    private partial void LogInvalid(Guid requestId, int k, long seed);

    [LoggerMessage(Level = LogLevel.Information, Message = "TrainModel {RequestId} dropped: {Reason}")]
    private partial void LogDropped(Guid requestId, string reason);
}
