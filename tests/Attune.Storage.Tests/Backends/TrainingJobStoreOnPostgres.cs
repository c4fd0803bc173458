using Attune.Storage.Tests.Contracts;
using Attune.Storage.Tests.Infrastructure;

namespace Attune.Storage.Tests.Backends;

/// <summary>The TrainingJobStore contract on PostgreSQL.</summary>
public sealed class TrainingJobStoreOnPostgres(PostgresServer server) : TrainingJobStoreContract(server);
