namespace Attune.Storage;

/// <summary>One page of comparisons, newest first.</summary>
/// <param name="Items">Up to the requested page size.</param>
/// <param name="NextPageToken">Opaque token for the next page; null on the last page.</param>
public sealed record ComparisonPage(IReadOnlyList<StoredComparison> Items, string? NextPageToken);
