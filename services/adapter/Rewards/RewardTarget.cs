using System.Globalization;
using static Attune.ServiceDefaults.FieldValidation;

namespace Attune.Adapter.Rewards;

/// <summary>
/// Whose reward a sample is scored under: a user (their posterior mean weights; the population prior for a user never
/// seen) or a cluster of the model in force (<c>cluster:N</c>, numbered from 1 as the page and <c>attune model show</c>
/// number them: cluster:1 is the one GetProfile reports as <c>cluster.cluster</c> 0), scored with the mean weights of the
/// cluster's members.
/// </summary>
/// <param name="UserId">The user, or null for a cluster.</param>
/// <param name="Cluster">The cluster's index from 0 (N - 1), or null for a user.</param>
public sealed record RewardTarget(string? UserId, int? Cluster)
{
    /// <summary>The prefix that names a cluster instead of a user.</summary>
    public const string ClusterPrefix = "cluster:";

    /// <summary>
    /// Reads a user id or <c>cluster:N</c>; INVALID_ARGUMENT naming <paramref name="field"/> for an empty or malformed one.
    /// </summary>
    public static RewardTarget Parse(string? value, string field)
    {
        var id = RequireId(value, field).Trim();
        if (!id.StartsWith(ClusterPrefix, StringComparison.Ordinal))
        {
            return new RewardTarget(id, null);
        }

        var index = id[ClusterPrefix.Length..];
        return int.TryParse(index, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= 1
            ? new RewardTarget(null, number - 1)
            : throw Invalid(field, $"'{id}' names no cluster: write cluster:N with N a cluster number from 1");
    }

    /// <inheritdoc />
    public override string ToString() => UserId ?? ClusterPrefix + (Cluster!.Value + 1).ToString(CultureInfo.InvariantCulture);
}
