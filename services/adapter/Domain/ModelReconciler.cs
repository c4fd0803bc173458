using Attune.Adapter.Options;
using Attune.Contracts.V1;
using Grpc.Core;
using Microsoft.Extensions.Options;

namespace Attune.Adapter.Domain;

/// <summary>
/// Every <see cref="AdapterOptions.ModelCheckInterval"/>, asks the trainer which model is in force (ListModels: metadata
/// only, no model bytes) and switches to it if the adapter serves another. ModelPromoted normally switches the adapter at once; each replica consumes it on a
/// temporary queue, which a broker restart removes, so an announcement published while the queue was being declared
/// again would otherwise be missed until the next promotion.
/// </summary>
public sealed partial class ModelReconciler(
    ModelSync sync, ProfileBook book, Peers peers, IOptions<AdapterOptions> options, ILogger<ModelReconciler> logger)
    : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.ModelCheckInterval;
        if (interval <= TimeSpan.Zero)
        {
            return;
        }

        using var timer = new PeriodicTimer(interval);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await timer.WaitForNextTickAsync(stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            if (peers.Trainer is not { } trainer)
            {
                continue;
            }

            try
            {
                var listed = await trainer.ListModelsAsync(
                    new ListModelsRequest { PageSize = 100 }, deadline: DateTime.UtcNow.AddSeconds(10), cancellationToken: stoppingToken);
                // The model in force is among the newest 100 unless rolled back past them: then the next promotion tells.
                if (listed.Models.FirstOrDefault(m => m.State == ModelState.Active)?.Version is { } inForce && book.Current?.Version != inForce)
                {
                    LogMissed(inForce, book.Current?.Version ?? 0);
                    await sync.SyncAsync(inForce, stoppingToken);
                }
            }
            catch (RpcException e) when (e.StatusCode is StatusCode.NotFound or StatusCode.Unavailable or StatusCode.DeadlineExceeded)
            {
                LogUnreachable(e.StatusCode);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is RpcException or InvalidDataException)
            {
                LogFailed(e.Message);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "The trainer has model {InForce} in force and this adapter serves {Served}: switching (an announcement was missed)")]
    private partial void LogMissed(long inForce, long served);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Model check skipped: the trainer answered {Status}")]
    private partial void LogUnreachable(StatusCode status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Model check failed: {Reason}")]
    private partial void LogFailed(string reason);
}
