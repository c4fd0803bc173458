using Attune.Storage;

namespace Attune.Trainer.Training;

/// <summary>Reads the trainer's copy of the feedback as a job sees it: every comparison up to the current watermark.</summary>
public static class TrainingRows
{
    /// <summary>The comparisons up to the store's watermark (its highest sequence number when called), and that watermark.</summary>
    public static async Task<(List<TrainingComparison> Rows, long Watermark)> LoadAsync(ITrainingDataStore data, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(data);
        var watermark = await data.GetWatermarkAsync(cancellationToken);
        var rows = new List<TrainingComparison>();
        await foreach (var c in data.ReadAllAsync(0, cancellationToken))
        {
            if (c.Sequence > watermark)
            {
                break;
            }

            rows.Add(c);
        }

        return (rows, watermark);
    }
}
