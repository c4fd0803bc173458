using Attune.Storage.Tests.Contracts;
using Attune.Storage.Tests.Infrastructure;

namespace Attune.Storage.Tests.Backends;

/// <summary>The Inbox contract on PostgreSQL.</summary>
public sealed class InboxOnPostgres(PostgresServer server) : InboxContract(server);
