using Attune.Storage;

namespace Attune.Storage.Tests.Configuration;

public sealed class StorageOptionsTests
{
    [Theory]
    [InlineData(null, "Host=db;Database=feedback", StorageProviders.Postgres)]
    [InlineData("", "Server=db;Database=feedback", StorageProviders.Postgres)]
    [InlineData(null, "Data Source=data/feedback.db", StorageProviders.Sqlite)]
    [InlineData("PostgreSQL", "Host=db", StorageProviders.Postgres)]
    [InlineData("sqlite", "Data Source=x.db", StorageProviders.Sqlite)]
    public void ResolveProvider_provider_and_connection_string_chooseTheProvider(string? provider, string cs, string expected)
    {
        var options = new StorageOptions { Provider = provider, ConnectionString = cs };

        Assert.Equal(expected, options.ResolveProvider());
    }

    [Theory]
    [InlineData("mongo", "Data Source=x.db")]
    [InlineData("sqlite", "")]
    public void ResolveProvider_unknown_provider_or_no_connection_string_throws(string provider, string cs)
    {
        Assert.Throws<ArgumentException>(() => new StorageOptions { Provider = provider, ConnectionString = cs }.ResolveProvider());
    }
}
