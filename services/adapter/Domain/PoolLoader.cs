using Attune.Adapter.Options;
using Attune.Storage;
using Microsoft.Extensions.Options;

namespace Attune.Adapter.Domain;

/// <summary>Fills the query pool at start-up from the stored answers, up to its capacity.</summary>
public sealed class PoolLoader(IProfileStore store, PairPool pool, IOptions<AdapterOptions> options)
{
    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        string? after = null;
        while (pool.Count < options.Value.PoolCapacity)
        {
            var users = await store.ListUsersAsync(500, after, cancellationToken);
            foreach (var user in users)
            {
                foreach (var a in await store.GetAnswersAsync(user, cancellationToken))
                {
                    pool.Add(a.Prompt, a.ResponseA, a.ResponseB);
                }
            }

            if (users.Count < 500)
            {
                return;
            }

            after = users[^1];
        }
    }
}
