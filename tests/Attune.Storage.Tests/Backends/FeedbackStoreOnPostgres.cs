using Attune.Storage.Tests.Contracts;
using Attune.Storage.Tests.Infrastructure;

namespace Attune.Storage.Tests.Backends;

/// <summary>The FeedbackStore contract on PostgreSQL.</summary>
public sealed class FeedbackStoreOnPostgres(PostgresServer server) : FeedbackStoreContract(server);
