namespace Attune.Storage;

/// <summary>The outcome of recording a batch in one transaction.</summary>
/// <param name="Stored">Comparisons newly stored.</param>
/// <param name="Duplicates">Comparisons skipped as duplicates (of earlier rows or of earlier items in the batch).</param>
/// <param name="Results">One result per input item, in input order.</param>
public sealed record BatchRecordResult(int Stored, int Duplicates, IReadOnlyList<RecordResult> Results);
