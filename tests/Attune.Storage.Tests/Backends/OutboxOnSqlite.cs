using Attune.Storage.Tests.Contracts;
using Attune.Storage.Tests.Infrastructure;

namespace Attune.Storage.Tests.Backends;

/// <summary>The Outbox contract on SQLite files.</summary>
public sealed class OutboxOnSqlite() : OutboxContract(new SqliteBackend());
