namespace Attune.Trainer.Training;

/// <summary>
/// Tells a running job which users were erased after it began loading: their comparisons may be in its training set,
/// and a model holding their weights must not be published.
/// </summary>
public sealed class ErasureWatch
{
    private readonly Lock _gate = new();
    private readonly List<HashSet<string>> _open = [];

    /// <summary>Starts collecting erasures; dispose the scope when the job no longer needs them.</summary>
    public Scope Begin()
    {
        var users = new HashSet<string>(StringComparer.Ordinal);
        lock (_gate)
        {
            _open.Add(users);
        }

        return new Scope(this, users);
    }

    /// <summary>A user was erased.</summary>
    public void Record(string userId)
    {
        lock (_gate)
        {
            foreach (var users in _open)
            {
                users.Add(userId);
            }
        }
    }

    /// <summary>The erasures seen since <see cref="Begin"/>.</summary>
    public sealed class Scope(ErasureWatch owner, HashSet<string> users) : IDisposable
    {
        /// <summary>Whether any of <paramref name="userIds"/> was erased since the scope began.</summary>
        public bool AnyErased(IEnumerable<string> userIds)
        {
            lock (owner._gate)
            {
                return userIds.Any(users.Contains);
            }
        }

        /// <inheritdoc />
        public void Dispose()
        {
            lock (owner._gate)
            {
                owner._open.Remove(users);
            }
        }
    }
}
