using Attune.Storage.Tests.Contracts;
using Attune.Storage.Tests.Infrastructure;

namespace Attune.Storage.Tests.Backends;

/// <summary>The Inbox contract on SQLite files.</summary>
public sealed class InboxOnSqlite() : InboxContract(new SqliteBackend());
