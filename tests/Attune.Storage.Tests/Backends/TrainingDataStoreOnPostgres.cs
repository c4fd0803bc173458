using Attune.Storage.Tests.Contracts;
using Attune.Storage.Tests.Infrastructure;

namespace Attune.Storage.Tests.Backends;

/// <summary>The TrainingDataStore contract on PostgreSQL.</summary>
public sealed class TrainingDataStoreOnPostgres(PostgresServer server) : TrainingDataStoreContract(server);
