using Attune.Adapter.Options;
using Grpc.Core;
using Microsoft.Extensions.Options;

namespace Attune.Adapter.Domain;

/// <summary>
/// At start-up: puts the adapter's stored copy of the model in force (before the bus starts delivering answers), fills
/// the query pool from the stored answers, then, in the background, asks the trainer for its model in force, retrying
/// with backoff while the trainer cannot be reached. Later models arrive through ModelPromoted.
/// </summary>
public sealed class ModelStartup(
    ModelSync sync, PoolLoader poolLoader, Peers peers, IOptions<AdapterOptions> options, ILogger<ModelStartup> logger)
    : IHostedService
{
    // Never disposed: the test host may dispose this service before stopping it, and a token source without timers or
    // linked tokens holds nothing that needs releasing.
    private readonly CancellationTokenSource _stopping = new();
    private Task _background = Task.CompletedTask;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (await sync.ResumeFromCopyAsync(cancellationToken) is { } version)
            {
                logger.LogInformation("Model {Version} is in force from the adapter's own copy.", version);
            }
        }
        catch (InvalidDataException e)
        {
            logger.LogError(e, "The adapter's stored model copy cannot be used; waiting for the trainer.");
        }

        await poolLoader.LoadAsync(cancellationToken);
        if (peers.Trainer is not null)
        {
            _background = Task.Run(() => FetchFromTrainerAsync(_stopping.Token), CancellationToken.None);
        }
        else
        {
            logger.LogWarning("{Key} is not set: the adapter serves only its stored model copy.", Peers.TrainerKey);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _background.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private async Task FetchFromTrainerAsync(CancellationToken cancellationToken)
    {
        var delay = TimeSpan.FromSeconds(1);
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await sync.SyncAsync(0, cancellationToken);
                return;
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
            {
                logger.LogInformation("The trainer has no model yet; waiting for ModelPromoted.");
                return;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is RpcException or InvalidDataException or HttpRequestException)
            {
                logger.LogWarning("Cannot fetch the model from the trainer ({Reason}); retrying in {Delay}.", e.Message, delay);
            }

            try
            {
                await Task.Delay(delay, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, options.Value.MaxStartupRetryDelay.Ticks));
        }
    }
}
