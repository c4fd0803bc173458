using Attune.Storage.Tests.Contracts;
using Attune.Storage.Tests.Infrastructure;

namespace Attune.Storage.Tests.Backends;

/// <summary>The Outbox contract on PostgreSQL.</summary>
public sealed class OutboxOnPostgres(PostgresServer server) : OutboxContract(server);
