using Attune.Storage.Tests.Contracts;
using Attune.Storage.Tests.Infrastructure;

namespace Attune.Storage.Tests.Backends;

/// <summary>The TrainingDataStore contract on SQLite files.</summary>
public sealed class TrainingDataStoreOnSqlite() : TrainingDataStoreContract(new SqliteBackend());
