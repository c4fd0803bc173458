using Attune.Storage.Tests.Contracts;
using Attune.Storage.Tests.Infrastructure;

namespace Attune.Storage.Tests.Backends;

/// <summary>The ModelStore contract on PostgreSQL.</summary>
public sealed class ModelStoreOnPostgres(PostgresServer server) : ModelStoreContract(server);
