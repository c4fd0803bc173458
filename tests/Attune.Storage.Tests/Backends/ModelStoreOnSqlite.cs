using Attune.Storage.Tests.Contracts;
using Attune.Storage.Tests.Infrastructure;

namespace Attune.Storage.Tests.Backends;

/// <summary>The ModelStore contract on SQLite files.</summary>
public sealed class ModelStoreOnSqlite() : ModelStoreContract(new SqliteBackend());
