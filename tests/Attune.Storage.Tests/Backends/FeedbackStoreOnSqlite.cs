using Attune.Storage.Tests.Contracts;
using Attune.Storage.Tests.Infrastructure;

namespace Attune.Storage.Tests.Backends;

/// <summary>The FeedbackStore contract on SQLite files.</summary>
public sealed class FeedbackStoreOnSqlite() : FeedbackStoreContract(new SqliteBackend());
