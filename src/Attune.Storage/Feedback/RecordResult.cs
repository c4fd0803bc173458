namespace Attune.Storage;

/// <summary>The outcome of recording one comparison.</summary>
/// <param name="ComparisonId">The stored comparison's id: the new one, or the earlier one when <paramref name="Duplicate"/>.</param>
/// <param name="Duplicate">True when (user, client id) or the id was already stored: nothing was written, no outbox entry.</param>
public sealed record RecordResult(Guid ComparisonId, bool Duplicate);
