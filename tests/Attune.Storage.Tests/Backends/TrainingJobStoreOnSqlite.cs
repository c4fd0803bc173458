using Attune.Storage.Tests.Contracts;
using Attune.Storage.Tests.Infrastructure;

namespace Attune.Storage.Tests.Backends;

/// <summary>The TrainingJobStore contract on SQLite files.</summary>
public sealed class TrainingJobStoreOnSqlite() : TrainingJobStoreContract(new SqliteBackend());
