using System.Data.Common;
using Dapper;

namespace Attune.Storage.Internal;

/// <summary>Applies a component's numbered scripts above the version recorded in <c>schema_version</c>.</summary>
internal static class Migrations
{
    /// <summary>
    /// Runs, inside <paramref name="transaction"/> (which the caller holds exclusively), every script whose version is above
    /// the component's recorded one, recording each.
    /// </summary>
    public static async Task ApplyPendingAsync(
        DbConnection connection, DbTransaction transaction, string component, IReadOnlyList<string> scripts,
        CancellationToken cancellationToken)
    {
        var current = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT COALESCE(MAX(version), 0) FROM schema_version WHERE component = @component",
            new { component }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (current > scripts.Count)
        {
            throw new InvalidOperationException(
                $"Schema of '{component}' is at version {current}, newer than this build knows ({scripts.Count}): upgrade the service.");
        }

        for (var version = current + 1; version <= scripts.Count; version++)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                scripts[version - 1], transaction: transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO schema_version (component, version) VALUES (@component, @version)",
                new { component, version }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        }
    }
}
