namespace Attune.Storage;

/// <summary>The adapter's per-user data: the answers each user gave and their fitted weights per model version.</summary>
public interface IProfileStore : IInitializableStore
{
    /// <summary>
    /// Stores an answer once per comparison id. With a <paramref name="receipt"/>, the receipt is recorded in the same
    /// transaction and a message already processed changes nothing.
    /// </summary>
    /// <returns>True when newly stored; false for a duplicate comparison id or an already-processed receipt.</returns>
    Task<bool> AddAnswerAsync(ProfileAnswer answer, InboxReceipt? receipt = null, CancellationToken cancellationToken = default);

    /// <summary>A user's answers in the order they were stored.</summary>
    Task<IReadOnlyList<ProfileAnswer>> GetAnswersAsync(string userId, CancellationToken cancellationToken = default);

    /// <summary>Stores (or replaces) the user's weights for <see cref="UserWeights.ModelVersion"/>.</summary>
    Task SaveWeightsAsync(UserWeights weights, CancellationToken cancellationToken = default);

    /// <summary>The user's weights in <paramref name="modelVersion"/>'s basis, or null.</summary>
    Task<UserWeights?> GetWeightsAsync(string userId, long modelVersion, CancellationToken cancellationToken = default);

    /// <summary>Deletes the user's answers and weights; with a receipt, at most once per message.</summary>
    /// <returns>How many answers were deleted (0 when the receipt was already processed).</returns>
    Task<int> EraseUserAsync(string userId, InboxReceipt? receipt = null, CancellationToken cancellationToken = default);

    /// <summary>Users with answers or weights, sorted by id (database collation), after <paramref name="afterUserId"/> (keyset paging).</summary>
    Task<IReadOnlyList<string>> ListUsersAsync(
        int limit = 100, string? afterUserId = null, CancellationToken cancellationToken = default);
}
