using Attune.Ml.Users;
using Grpc.Core;
using Attune.Storage;

namespace Attune.Adapter.Domain;

/// <summary>
/// The model in force and every user's posterior under it. The model is one immutable <see cref="ModelSnapshot"/>
/// swapped by reference, so a reader sees either the old model with the old weights or the new model with the new
/// weights, never a mix: weights are stored per model version and a switch happens only after every user with answers
/// has weights in the new version.
/// <para>
/// Writes (an answer, an erasure) run one at a time under one lock and refit the user at once. A switch refits all users
/// outside that lock, then, under it, refits again those whose answers changed meanwhile and swaps the reference.
/// </para>
/// </summary>
public sealed class ProfileBook(IProfileStore store, PairPool pool, TimeProvider clock, ILogger<ProfileBook> logger)
{
    private readonly SemaphoreSlim _writes = new(1, 1);
    private readonly SemaphoreSlim _switches = new(1, 1);
    private HashSet<string>? _changedDuringSwitch;
    private volatile ModelSnapshot? _current;

    /// <summary>The model in force, or null before the first one arrives.</summary>
    public ModelSnapshot? Current => _current;

    /// <summary>The model in force; FAILED_PRECONDITION when there is none yet.</summary>
    public ModelSnapshot RequireModel() => _current ?? throw new RpcException(
        new Status(StatusCode.FailedPrecondition,
        "No model is in force yet: the trainer has not published one (or could not be reached). Train a model, then retry."));

    /// <summary>The user's posterior under <paramref name="model"/>; the prior for a user with no answers.</summary>
    public async Task<UserProfile> GetAsync(ModelSnapshot model, string userId, CancellationToken cancellationToken)
    {
        var weights = await store.GetWeightsAsync(userId, model.Version, cancellationToken);
        return weights is null
            ? new UserProfile(userId, model.Version, model.Prior.Mean.ToArray(), model.Prior.Covariance.ToArray(), 0)
            : new UserProfile(userId, model.Version, weights.Mean, weights.Covariance, weights.AnswerCount);
    }

    /// <summary>The pairs the user has answered, in either order.</summary>
    public async Task<HashSet<PairKey>> AnsweredPairsAsync(string userId, CancellationToken cancellationToken) =>
        (await store.GetAnswersAsync(userId, cancellationToken)).Select(a => new PairKey(a.Prompt, a.ResponseA, a.ResponseB)).ToHashSet();

    /// <summary>
    /// Stores an answer once per comparison id (and per receipt, in the same transaction) and, when it is new and a model
    /// is in force, refits the user. Returns false for a duplicate, which changes nothing.
    /// </summary>
    public async Task<bool> AddAnswerAsync(ProfileAnswer answer, InboxReceipt? receipt, CancellationToken cancellationToken)
    {
        pool.Add(answer.Prompt, answer.ResponseA, answer.ResponseB);
        await _writes.WaitAsync(cancellationToken);
        try
        {
            if (!await store.AddAnswerAsync(answer, receipt, cancellationToken))
            {
                return false;
            }

            _changedDuringSwitch?.Add(answer.UserId);
            if (_current is { } model)
            {
                try
                {
                    await RefitAsync(model, answer.UserId, cancellationToken);
                }
                catch (ArgumentException e)
                {
                    // The answer is stored; the next model switch refits the user again.
                    logger.LogWarning(e, "User {User} could not be refitted after answer {Comparison}.", answer.UserId, answer.ComparisonId);
                }
            }

            return true;
        }
        finally
        {
            _writes.Release();
        }
    }

    /// <summary>Erases the user's answers and weights (at most once per receipt); returns the answers deleted.</summary>
    public async Task<int> EraseAsync(string userId, InboxReceipt? receipt, CancellationToken cancellationToken)
    {
        await _writes.WaitAsync(cancellationToken);
        try
        {
            _changedDuringSwitch?.Add(userId);
            return await store.EraseUserAsync(userId, receipt, cancellationToken);
        }
        finally
        {
            _writes.Release();
        }
    }

    /// <summary>
    /// Refits every user with answers against <paramref name="next"/>, runs <paramref name="beforeSwitch"/> (keeping the
    /// model's copy), then makes it the model in force. The version already in force is ignored; an older one is not (a
    /// rollback puts an older model back: the trainer's registry decides which is in force, see ModelSync).
    /// </summary>
    /// <returns>True when <paramref name="next"/> is now in force.</returns>
    public async Task<bool> SwitchAsync(ModelSnapshot next, Func<CancellationToken, Task> beforeSwitch, CancellationToken cancellationToken)
    {
        await _switches.WaitAsync(cancellationToken);
        try
        {
            if (_current is { } now && now.Version == next.Version)
            {
                return false;
            }

            await _writes.WaitAsync(cancellationToken);
            _changedDuringSwitch = new HashSet<string>(StringComparer.Ordinal);
            _writes.Release();

            var refitted = 0;
            string? after = null;
            while (true)
            {
                var users = await store.ListUsersAsync(500, after, cancellationToken);
                foreach (var user in users)
                {
                    try
                    {
                        refitted += await RefitAsync(next, user, cancellationToken) > 0 ? 1 : 0;
                    }
                    catch (ArgumentException e)
                    {
                        // One user's degenerate fit must not keep the new model out; that user reads as the prior.
                        logger.LogWarning(e, "User {User} could not be refitted against model {Version}.", user, next.Version);
                    }
                }

                if (users.Count < 500)
                {
                    break;
                }

                after = users[^1];
            }

            await _writes.WaitAsync(cancellationToken);
            try
            {
                foreach (var user in _changedDuringSwitch)
                {
                    try
                    {
                        if (await RefitAsync(next, user, cancellationToken) == 0)
                        {
                            // Erased during the bulk refit, after its weights in the new version were written.
                            await store.EraseUserAsync(user, null, cancellationToken);
                        }
                    }
                    catch (ArgumentException e)
                    {
                        logger.LogWarning(e, "User {User} could not be refitted against model {Version}.", user, next.Version);
                    }
                }

                await beforeSwitch(cancellationToken);
                _current = next;
                logger.LogInformation(
                    "Model {Version} (K = {Rank}) is in force; {Users} users refitted, {Late} of them again for answers that arrived meanwhile.",
                    next.Version, next.Rank, refitted, _changedDuringSwitch.Count);
                return true;
            }
            finally
            {
                _changedDuringSwitch = null;
                _writes.Release();
            }
        }
        finally
        {
            _switches.Release();
        }
    }

    /// <summary>
    /// Makes <paramref name="model"/> the model in force without refitting: at start-up, for the adapter's own copy of the
    /// model that was in force before, whose weights are already stored. Ignored once a model is in force.
    /// </summary>
    public async Task ResumeAsync(ModelSnapshot model, CancellationToken cancellationToken)
    {
        await _writes.WaitAsync(cancellationToken);
        try
        {
            _current ??= model;
        }
        finally
        {
            _writes.Release();
        }
    }

    /// <summary>Fits the user's stored answers under <paramref name="model"/> and saves the weights; returns how many answers (0: none, nothing saved).</summary>
    private async Task<int> RefitAsync(ModelSnapshot model, string userId, CancellationToken cancellationToken)
    {
        var answers = await store.GetAnswersAsync(userId, cancellationToken);
        if (answers.Count == 0)
        {
            return 0;
        }

        int k = model.Rank;
        var z = new float[answers.Count * k];
        var y = new float[answers.Count];
        for (int i = 0; i < answers.Count; i++)
        {
            var a = answers[i];
            model.Difference(a.Prompt, a.ResponseA, a.ResponseB).CopyTo(z, i * k);
            y[i] = (float)a.Preference;
        }

        var posterior = NewUserFitter.Fit(model.Prior, z, y);
        await store.SaveWeightsAsync(
            new UserWeights(userId, model.Version, posterior.Mean, posterior.Covariance, answers.Count, clock.GetUtcNow()),
            cancellationToken);
        return answers.Count;
    }
}
