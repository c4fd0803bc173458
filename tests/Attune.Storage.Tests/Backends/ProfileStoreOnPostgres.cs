using Attune.Storage.Tests.Contracts;
using Attune.Storage.Tests.Infrastructure;

namespace Attune.Storage.Tests.Backends;

/// <summary>The ProfileStore contract on PostgreSQL.</summary>
public sealed class ProfileStoreOnPostgres(PostgresServer server) : ProfileStoreContract(server);
