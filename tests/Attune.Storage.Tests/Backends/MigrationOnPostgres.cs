using Attune.Storage.Tests.Contracts;
using Attune.Storage.Tests.Infrastructure;

namespace Attune.Storage.Tests.Backends;

/// <summary>The Migration contract on PostgreSQL.</summary>
public sealed class MigrationOnPostgres(PostgresServer server) : MigrationContract(server);
