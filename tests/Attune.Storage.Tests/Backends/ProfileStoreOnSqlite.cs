using Attune.Storage.Tests.Contracts;
using Attune.Storage.Tests.Infrastructure;

namespace Attune.Storage.Tests.Backends;

/// <summary>The ProfileStore contract on SQLite files.</summary>
public sealed class ProfileStoreOnSqlite() : ProfileStoreContract(new SqliteBackend());
