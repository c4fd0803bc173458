using Attune.Storage.Tests.Contracts;
using Attune.Storage.Tests.Infrastructure;

namespace Attune.Storage.Tests.Backends;

/// <summary>The Migration contract on SQLite files.</summary>
public sealed class MigrationOnSqlite() : MigrationContract(new SqliteBackend());
